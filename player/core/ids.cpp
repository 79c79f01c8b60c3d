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

// An http(s) URL's scheme, user info (empty: none) and host with port, as written.
struct UrlHead {
    std::string_view scheme, userinfo, host_port;
    std::size_t host_at = 0;  // where host_port starts in the URL
};

std::optional<UrlHead> head_of(std::string_view url) {
    if (!is_http_url(url)) return std::nullopt;
    UrlHead h;
    const std::size_t authority = url.find("://") + 3;
    h.scheme = url.substr(0, authority - 3);
    const std::size_t end = std::min(url.find_first_of("/?#", authority), url.size());
    const std::size_t at = url.substr(0, end).rfind('@');
    h.host_at = at == std::string_view::npos || at < authority ? authority : at + 1;
    if (h.host_at > authority) h.userinfo = url.substr(authority, at - authority);
    h.host_port = url.substr(h.host_at, end - h.host_at);
    return h;
}

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

// scheme://host:port, lowercase, the scheme's default port written out: two URLs curl would
// take for one server.
std::string origin_of(const UrlHead& h) {
    const std::string scheme = lowercase(h.scheme);
    std::string host = lowercase(h.host_port);
    const std::size_t bracket = host.rfind(']');  // an IPv6 address has colons of its own
    const std::size_t colon = host.rfind(':');
    if (colon == std::string::npos || (bracket != std::string::npos && colon < bracket))
        host += scheme == "https" ? ":443" : ":80";
    return scheme + "://" + host;
}

}  // namespace

bool is_sha256(std::string_view s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char ch) { return is_hex(ch, false); });
}

std::optional<std::string> sha256_pin(std::string_view s) {
    if (s.size() != 64 || !std::all_of(s.begin(), s.end(), [](char ch) { return is_hex(ch, true); }))
        return std::nullopt;
    return lowercase(s);
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
    // "https://h" asks for the path "/": its signature is "/.sig" on that host, never ".sig"
    // glued to the host's name ("https://h.sig", another host; "http://h:8080.sig", no URL).
    const std::size_t authority = playlist_url.find("://");
    const bool no_path = authority != std::string_view::npos &&
                         playlist_url.substr(0, path_end).find('/', authority + 3) == std::string_view::npos;
    return std::string(playlist_url.substr(0, path_end)) + (no_path ? "/.sig" : ".sig") +
           std::string(rest.substr(0, rest.find('#')));
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

std::string url_path_before_names_were_encoded(std::string_view url_path) {
    // url_path_of() turns a written '%' into "%25", so these three triplets came from the three
    // characters and from nothing else.
    std::string out;
    for (std::size_t i = 0; i < url_path.size(); ++i) {
        const std::string_view triplet = url_path.substr(i, 3);
        if (triplet == "%25" || triplet == "%3F" || triplet == "%23") {
            out += triplet == "%25" ? '%' : triplet == "%3F" ? '?' : '#';
            i += 2;
        } else {
            out += url_path[i];
        }
    }
    return out;
}

std::string landed_url(std::string_view asked, std::string_view landed) {
    const auto from = head_of(asked);
    const auto to = head_of(landed);
    if (!to) return std::string(asked);
    if (!from || from->userinfo.empty() || !to->userinfo.empty() || origin_of(*from) != origin_of(*to))
        return std::string(landed);
    return std::string(landed.substr(0, to->host_at)) + std::string(from->userinfo) + "@" +
           std::string(landed.substr(to->host_at));
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
