#include "board_auth.h"

#include <sodium.h>

#include <vector>

#include "core/ids.h"

namespace nb::desk::fleet {

namespace {

std::optional<std::vector<unsigned char>> from_base64(const std::string& text, std::size_t expected) {
    if (text.size() > 2 * expected + 8) return std::nullopt;
    std::vector<unsigned char> out(expected + 4);
    std::size_t len = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        len != expected) {
        return std::nullopt;
    }
    out.resize(len);
    return out;
}

bool all_of(const std::string& s, const char* allowed) { return s.find_first_not_of(allowed) == std::string::npos; }

}  // namespace

bool is_board_id(const std::string& id) { return ids::is_id(id) && id[0] != '.'; }

std::optional<std::string> check_board_headers(const BoardHeaders& h, std::int64_t now) {
    if (h.board.empty() || h.time.empty() || h.nonce.empty() || h.signature.empty()) {
        return "a board request needs X-Board, X-Board-Time, X-Board-Nonce and X-Board-Signature";
    }
    if (!is_board_id(h.board)) return "X-Board is not a board id";
    if (h.time.size() > 12 || !all_of(h.time, "0123456789")) return "X-Board-Time: unix seconds";
    std::int64_t t = std::stoll(h.time);
    if (t > now + kClockSkewS || t < now - kClockSkewS) return "X-Board-Time is more than 300 s from the desk's clock";
    if (h.nonce.size() != 32 || !all_of(h.nonce, "0123456789abcdefABCDEF")) return "X-Board-Nonce: 32 hex digits";
    if (!from_base64(h.signature, crypto_sign_BYTES)) return "X-Board-Signature: base64 of a 64-byte Ed25519 signature";
    return std::nullopt;
}

std::optional<sign::PublicKey> parse_board_key(const std::string& base64) {
    auto bytes = from_base64(base64, crypto_sign_PUBLICKEYBYTES);
    if (!bytes) return std::nullopt;
    sign::PublicKey k;
    std::copy(bytes->begin(), bytes->end(), k.bytes.begin());
    return k;
}

bool verify_detached(const sign::PublicKey& key, const std::string& message, const std::string& signature_base64) {
    auto sig = from_base64(signature_base64, crypto_sign_BYTES);
    if (!sig) return false;
    return crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), key.bytes.data()) == 0;
}

std::string sign_detached(const sign::SecretKey& key, const std::string& message) {
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         key.bytes.data());
    char out[sodium_base64_ENCODED_LEN(crypto_sign_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(out, sizeof out, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
    return out;
}

}  // namespace nb::desk::fleet
