#include "session.h"

#include <sodium.h>

#include <array>

#include "core/sha256.h"

namespace nb::desk {

namespace {

constexpr std::size_t kTokenChars = 43;

bool is_token(std::string_view t) {
    if (t.size() != kTokenChars) return false;
    for (char c : t) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

std::string attributes(CookieSecurity security) {
    return std::string("; Path=/; HttpOnly; SameSite=Strict") + (security == CookieSecurity::Secure ? "; Secure" : "");
}

}  // namespace

std::string random_token() {
    if (sodium_init() < 0) std::abort();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string token_hash(std::string_view token) { return sha256_hex(token); }

std::vector<std::string> session_tokens_from_cookies(std::string_view header) {
    const std::string name = std::string(kSessionCookie) + "=";
    std::vector<std::string> tokens;
    std::size_t pos = 0;
    while (pos < header.size() && tokens.size() < kMaxSessionCookies) {
        std::size_t end = header.find(';', pos);
        if (end == std::string_view::npos) end = header.size();
        std::string_view part = header.substr(pos, end - pos);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.substr(0, name.size()) == name) {
            std::string_view value = part.substr(name.size());
            if (is_token(value)) tokens.emplace_back(value);
        }
        pos = end + 1;
    }
    return tokens;
}

std::string session_cookie(const std::string& token, CookieSecurity security) {
    auto max_age = std::chrono::duration_cast<std::chrono::seconds>(kSessionLifetime).count();
    return std::string(kSessionCookie) + "=" + token + attributes(security) + "; Max-Age=" + std::to_string(max_age);
}

std::string expired_session_cookie(CookieSecurity security) {
    return std::string(kSessionCookie) + "=" + attributes(security) + "; Max-Age=0";
}

TokenVerdict judge_csrf(std::string_view header_value, const std::string& expected) {
    if (header_value.empty()) return TokenVerdict::Absent;
    if (header_value.size() != expected.size()) return TokenVerdict::Wrong;
    return sodium_memcmp(header_value.data(), expected.data(), expected.size()) == 0 ? TokenVerdict::Right
                                                                                      : TokenVerdict::Wrong;
}

}  // namespace nb::desk
