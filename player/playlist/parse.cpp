// parse(): preflight → JSON → locator → validation, all problems collected as located
// diagnostics. See parse.h for the contract and playlists/README.md for the format.
#include "playlist/parse.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <memory>

#include "core/file.h"
#include "core/sha256.h"
#include "core/utf8.h"
#include "playlist/checker.h"
#include "playlist/json_dom.h"
#include "playlist/json_string.h"
#include "playlist/limits.h"
#include "playlist/line_index.h"
#include "playlist/media.h"
#include "playlist/preflight.h"
#include "playlist/validate.h"

namespace nb::playlist {
namespace {

// Source order, as a compiler reports; then at most kMaxDiagnostics of them.
// `dropped`: problems the checker counted but did not keep.
void report(const Diagnostics& found, std::size_t dropped, const std::string& path, Diagnostics& diags) {
    std::vector<Diagnostic> sorted = found.all();
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::make_pair(a.where.line, a.where.column) < std::make_pair(b.where.line, b.where.column);
    });
    for (std::size_t i = 0; i < sorted.size() && i < limits::kMaxDiagnostics; ++i) diags.add(std::move(sorted[i]));
    const std::size_t more = sorted.size() - std::min(sorted.size(), limits::kMaxDiagnostics) + dropped;
    if (more > 0) {
        const std::string note = std::to_string(more) + " more problems not shown";
        if (found.has_errors())
            diags.error({path, 0, 0}, note);
        else
            diags.warning({path, 0, 0}, note);
    }
}

std::optional<Playlist> parse_checked(const std::string& bytes, const std::string& path, const std::string& location,
                                      MediaCheck check, Diagnostics& found, std::size_t& dropped) {
    if (preflight(bytes, path, found) == Preflight::Failed) return std::nullopt;

    auto parsed = parse_json(bytes);
    if (const auto* syntax = std::get_if<SyntaxError>(&parsed)) {
        found.error(LineIndex(path, bytes).locate(syntax->offset), syntax->message);
        return std::nullopt;
    }
    const Json& json = std::get<Json>(parsed);

    Playlist p;
    p.path = path;
    p.base = media_base(location.empty() ? path : location);
    p.sha256 = sha256_hex(bytes);
    p.source = std::make_shared<const std::string>(bytes);

    // The checker locates into p.source, so every Text::source_offset refers to it.
    Checker checker(path, *p.source, found);
    MediaReader media(p.base, check);
    const Validity validity = read_playlist(checker, checker.root(json), media, p);
    dropped = checker.dropped();
    // Errors inside an item only leave that item out (Playlist::skipped); anything else
    // refuses the whole file, and the board keeps what it shows.
    if (validity == Validity::Invalid) return std::nullopt;
    return p;
}

}  // namespace

std::optional<Playlist> parse(const std::string& bytes, const std::string& path, MediaCheck media, Diagnostics& diags,
                              const std::string& location) {
    Diagnostics found;
    std::size_t dropped = 0;
    std::optional<Playlist> p;
    try {
        p = parse_checked(bytes, path, location, media, found, dropped);
    } catch (const std::exception& e) {
        // Nothing above should throw on any input; if it does, the file is refused, not the board.
        found.error({path, 0, 0}, std::string("internal error while reading the playlist: ") + e.what());
        p.reset();
    }
    report(found, dropped, path, diags);
    return p;
}

std::optional<Playlist> load(const std::string& path, MediaCheck media, Diagnostics& diags) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxPlaylistBytes) {
        diags.error({path, 0, 0}, "playlist is " + std::to_string(size) + " bytes; the limit is " +
                                      std::to_string(kMaxPlaylistBytes));
        return std::nullopt;
    }
    auto bytes = file::read(path, kMaxPlaylistBytes);
    if (!bytes) {
        diags.error({path, 0, 0}, bytes.error());
        return std::nullopt;
    }
    return parse(*bytes, path, media, diags);
}

Location locate_in_string(const Playlist& p, const Text& t, std::size_t code_point_index) {
    if (!p.source || t.source_offset == Text::kNoOffset || t.where.line <= 0) return t.where;
    const std::string_view source = *p.source;
    const auto at = json_string::code_point_offset(source, t.source_offset, code_point_index);
    if (!at) return t.where;
    // A string literal never spans lines (a raw line feed is not allowed in JSON strings), so
    // the character is on the quote's line, as many code points further as the source has
    // between them.
    Location where = t.where;
    where.column += static_cast<int>(utf8::length(source.substr(t.source_offset, *at - t.source_offset)));
    return where;
}

}  // namespace nb::playlist
