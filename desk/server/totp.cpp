#include "totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cctype>

namespace nb::desk::totp {

namespace {

constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string percent_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

std::string new_secret() {
    if (sodium_init() < 0) std::abort();
    std::array<unsigned char, 20> key{};
    randombytes_buf(key.data(), key.size());
    return base32_encode(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

std::string base32_encode(std::string_view bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char raw : text) {
        if (raw == '=' || raw == ' ' || raw == '-') continue;
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
        const char* p = nullptr;
        for (const char* a = kAlphabet; *a; ++a) {
            if (*a == c) p = a;
        }
        if (!p) return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(p - kAlphabet);
        bits += 5;
        if (bits >= 8) {
            out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
            bits -= 8;
        }
    }
    return out;
}

std::string hotp(std::string_view key, std::uint64_t counter) {
    unsigned char message[8];
    for (int i = 7; i >= 0; --i) {
        message[i] = static_cast<unsigned char>(counter & 0xFF);
        counter >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message, sizeof message, mac, &mac_len) ||
        mac_len < 20) {
        return {};
    }
    int offset = mac[mac_len - 1] & 0x0F;
    std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                           (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                           (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
    std::string code = std::to_string(binary % 1000000);
    return std::string(6 - code.size(), '0') + code;
}

std::optional<std::int64_t> matching_step(const std::string& secret_base32, std::string_view code,
                                          std::int64_t unix_seconds) {
    auto key = base32_decode(secret_base32);
    if (!key || key->empty() || code.size() != 6) return std::nullopt;
    std::int64_t step = unix_seconds / kStepSeconds;
    for (std::int64_t s : {step, step - 1, step + 1}) {
        if (s < 0) continue;
        std::string expected = hotp(*key, static_cast<std::uint64_t>(s));
        if (expected.size() == code.size() && sodium_memcmp(expected.data(), code.data(), code.size()) == 0) return s;
    }
    return std::nullopt;
}

std::string provisioning_uri(const std::string& issuer, const std::string& account, const std::string& secret_base32) {
    return "otpauth://totp/" + percent_encode(issuer) + ":" + percent_encode(account) + "?secret=" + secret_base32 +
           "&issuer=" + percent_encode(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace nb::desk::totp
