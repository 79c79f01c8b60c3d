#include "core/ids.h"

#include <algorithm>
#include <cctype>

namespace nb::ids {
namespace {

bool is_hex(char ch, bool upper_too) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (upper_too && ch >= 'A' && ch <= 'F');
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    return true;
}

}  // namespace

bool is_sha256(std::string_view s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char ch) { return is_hex(ch, false); });
}

std::optional<std::string> sha256_pin(std::string_view s) {
    if (s.size() != 64 || !std::all_of(s.begin(), s.end(), [](char ch) { return is_hex(ch, true); }))
        return std::nullopt;
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

bool is_id(std::string_view s) {
    return !s.empty() && s.size() <= kMaxIdLength && std::all_of(s.begin(), s.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
               ch == '_' || ch == '-';
    });
}

bool is_http_url(std::string_view s) {
    return starts_with_nocase(s, "http://") || starts_with_nocase(s, "https://");
}

bool is_https_url(std::string_view s) {
    return starts_with_nocase(s, "https://");
}

std::size_t url_path_end(std::string_view url) {
    const std::size_t scheme = url.find("://");
    const std::size_t from = scheme == std::string_view::npos ? 0 : scheme + 3;
    return std::min(url.find_first_of("?#", from), url.size());
}

std::string signature_url(std::string_view playlist_url) {
    const std::size_t path_end = url_path_end(playlist_url);
    const std::string_view rest = playlist_url.substr(path_end);
    return std::string(playlist_url.substr(0, path_end)) + ".sig" + std::string(rest.substr(0, rest.find('#')));
}

std::string url_path_of(std::string_view relative_path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : relative_path) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte > 0x20 && byte != 0x7f && ch != '%' && ch != '?' && ch != '#') {
            out += ch;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

std::string hide_credentials(std::string_view text) {
    std::string out;
    std::size_t from = 0;
    for (std::size_t scheme; (scheme = text.find("://", from)) != std::string_view::npos;) {
        const std::size_t authority = scheme + 3;
        // The authority ends at the path, query or fragment, or where the URL ends in the text.
        const std::size_t end = std::min(text.find_first_of("/?#\" \t\r\n", authority), text.size());
        const std::size_t at = text.substr(0, end).rfind('@');
        out.append(text.substr(from, authority - from));
        if (at != std::string_view::npos && at >= authority) {
            out += "***";
            from = at;
        } else {
            from = authority;
        }
    }
    out.append(text.substr(from));
    return out;
}

}  // namespace nb::ids
