#include "password.h"

#include <sodium.h>

#include "core/utf8.h"

namespace nb::desk {

namespace {

// libsodium's "interactive" cost: 64 MiB and 2 passes, ~0.1 s on a small server. The server
// runs one verification at a time, so 20 staff logging in at once cannot take 20 × 64 MiB.
constexpr unsigned long long kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

void init_sodium() {
    static const bool ready = [] {
        if (sodium_init() < 0) std::abort();  // no usable random source: nothing is safe to do
        return true;
    }();
    (void)ready;
}

}  // namespace

Status check_new_password(std::string_view password) {
    if (password.size() > kMaxPasswordBytes) return fail("the password is longer than 1024 bytes");
    if (!nb::utf8::is_valid(password)) return fail("the password is not valid UTF-8");
    std::size_t chars = 0;
    for (unsigned char c : password) chars += (c & 0xC0) != 0x80;
    if (chars < kMinPasswordChars) {
        return fail("the password needs at least " + std::to_string(kMinPasswordChars) + " characters");
    }
    return success();
}

Result<std::string> hash_password(std::string_view password) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), kOps, kMem) != 0) {
        return fail("out of memory while hashing the password");
    }
    return std::string(out);
}

PasswordMatch verify_password(std::string_view password, const std::string& stored_hash) {
    init_sodium();
    if (password.size() > kMaxPasswordBytes) return PasswordMatch::No;
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0
               ? PasswordMatch::Yes
               : PasswordMatch::No;
}

const std::string& dummy_hash() {
    static const std::string h = [] {
        auto r = hash_password("no user has this password");
        return r ? r.value() : std::string();
    }();
    return h;
}

}  // namespace nb::desk
