#include "playlist/preflight.h"

#include <cstdio>

#include "core/utf8.h"
#include "playlist/json_string.h"
#include "playlist/line_index.h"
#include "playlist/parse.h"

namespace nb::playlist {
namespace {

// The first '[' or '{' outside string literals that opens level kMaxNestingDepth + 1.
// Works on any bytes, valid JSON or not, without recursion.
std::optional<std::size_t> too_deep(std::string_view text) {
    std::size_t depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        switch (text[i]) {
            case '"': i = json_string::end(text, i) - 1; break;
            case '[':
            case '{':
                if (++depth > kMaxNestingDepth) return i;
                break;
            case ']':
            case '}':
                if (depth > 0) --depth;
                break;
            default: break;
        }
    }
    return std::nullopt;
}

}  // namespace

Preflight preflight(std::string_view bytes, const std::string& path, Diagnostics& diags) {
    if (bytes.size() > kMaxPlaylistBytes) {
        diags.error({path, 0, 0}, "playlist is " + std::to_string(bytes.size()) + " bytes; the limit is " +
                                      std::to_string(kMaxPlaylistBytes));
        return Preflight::Failed;
    }
    if (const auto bad = utf8::first_invalid_byte(bytes)) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(bytes[*bad])));
        diags.error(LineIndex(path, bytes).locate(*bad),
                    std::string("invalid UTF-8 (byte ") + hex + "); playlists must be saved as UTF-8");
        return Preflight::Failed;
    }
    if (const auto deep = too_deep(bytes)) {
        diags.error(LineIndex(path, bytes).locate(*deep),
                    "nesting is deeper than " + std::to_string(kMaxNestingDepth) + " levels");
        return Preflight::Failed;
    }
    return Preflight::Passed;
}

}  // namespace nb::playlist
