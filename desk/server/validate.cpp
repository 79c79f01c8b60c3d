#include "validate.h"

#include <mutex>

#include "core/utf8.h"
#include "playlist/parse.h"
#include "playlist/texts.h"
#include "text/cascade.h"
#include "text/layout.h"

namespace nb::desk {

namespace {

bool ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

// A warning at each text holding a character the bundled font cannot draw: a board with no
// other font shows a gap there. The bundled faces only, as on a board with nothing else
// installed; loaded once (FreeType faces are not for two threads at a time: one lock).
void check_glyphs(const playlist::Playlist& p, std::vector<Problem>& problems) {
    static std::mutex lock;
    static const Result<text::FontCascade> fonts = text::FontCascade::create(text::SystemFallback::Ignore);
    std::lock_guard<std::mutex> hold(lock);
    if (!fonts) return;  // no bundled font at all: the previews say so louder
    for (const playlist::TextAt& t : playlist::texts_of(p))
        for (const text::Missing& m : text::missing_glyphs(*fonts, t.text->value))
            problems.push_back(Problem{Severity::Warning, t.path,
                                       "the board's font has no " + utf8::code_point_name(m.cp) + " '" +
                                           utf8::encode(m.cp) + "': boards show a gap there",
                                       t.text->where.line, t.text->where.column});
}

}  // namespace

bool Checked::publishable() const {
    if (!playlist) return false;
    for (const auto& p : problems) {
        if (p.severity == Severity::Error) return false;
    }
    return true;
}

// The checker writes paths as identifiers joined by '.', indexes as [N], and other keys as
// ["…"] (player/playlist/checker.h: child_path, index_path).
std::pair<std::string, std::string> split_path(const std::string& message) {
    std::size_t i = 0;
    const std::size_t n = message.size();
    bool any = false;
    while (i < n) {
        if (ident_char(message[i])) {
            while (i < n && ident_char(message[i])) ++i;
            any = true;
        } else if (message[i] == '[' && i + 1 < n && message[i + 1] == '"') {
            auto close = message.find("\"]", i + 2);
            if (close == std::string::npos) return {"", message};
            i = close + 2;
            any = true;
        } else if (message[i] == '[') {
            std::size_t j = i + 1;
            while (j < n && message[j] >= '0' && message[j] <= '9') ++j;
            if (j == i + 1 || j >= n || message[j] != ']') return {"", message};
            i = j + 1;
            any = true;
        } else if (message[i] == '.' && any) {
            ++i;
        } else {
            break;
        }
    }
    if (any && message.compare(i, 2, ": ") == 0) return {message.substr(0, i), message.substr(i + 2)};
    return {"", message};
}

Checked check_playlist(const std::string& bytes, const std::string& public_path) {
    Diagnostics diags;
    Checked out;
    out.playlist = playlist::parse(bytes, public_path, playlist::MediaCheck::Full, diags);
    for (const auto& d : diags.all()) {
        auto [at, message] = split_path(d.message);
        out.problems.push_back(Problem{d.severity, at, message, d.where.line, d.where.column});
    }
    if (out.playlist) check_glyphs(*out.playlist, out.problems);
    return out;
}

Json problems_json(const std::vector<Problem>& problems) {
    Json out = Json::array();
    for (const auto& p : problems) {
        Json j{{"severity", p.severity == Severity::Error ? "error" : "warning"}, {"error", p.message}};
        j["at"] = p.at;
        if (p.line > 0) j["line"] = p.line;
        out.push_back(std::move(j));
    }
    return out;
}

}  // namespace nb::desk
