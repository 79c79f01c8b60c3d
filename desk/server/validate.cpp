#include "validate.h"

#include "playlist/parse.h"

namespace nb::desk {

namespace {

bool ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
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
