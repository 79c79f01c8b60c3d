#include "sign/sign.h"

#include <sodium.h>

#include <cstdlib>
#include <vector>

#include "core/file.h"
#include "core/limits.h"

namespace nb::sign {
namespace {


void init_sodium() {
    // sodium_init() is idempotent and thread-safe; a static keeps it to one call per process.
    static const int once = [] {
        if (sodium_init() < 0) std::abort();  // no usable random source: nothing is safe to do
        return 0;
    }();
    (void)once;
}

std::string to_base64(const unsigned char* data, std::size_t size) {
    std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

// The header and base64 lines of a key or signature file, decoded into exactly N bytes.
template <std::size_t N>
Result<std::array<unsigned char, N>> parse_text(std::string_view text, const char* header, const std::string& what) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string line = trim(text.substr(start, end - start));
        if (!line.empty() && line[0] != '#') lines.push_back(std::move(line));
        start = end + 1;
    }
    const std::string expected = std::string("expected a first line \"") + header + "\" and a line of base64";
    if (lines.empty()) return fail(what + ": empty; " + expected);
    if (lines[0] != header) {
        std::string found = lines[0].substr(0, 40);
        for (char& c : found)
            if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
        if (lines[0].rfind("newsboard-ed25519-", 0) == 0)
            return fail(what + ": this is a \"" + found + "\" file, not a " + header + " file");
        return fail(what + ": not a Newsboard key or signature file (first line \"" + found + "\"; " + expected + ")");
    }
    if (lines.size() != 2) return fail(what + ": " + expected + ", nothing else");
    std::array<unsigned char, N> out{};
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), lines[1].data(), lines[1].size(), nullptr, &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != lines[1].data() + lines[1].size() || len != N)
        return fail(what + ": the second line is not base64 of " + std::to_string(N) + " bytes");
    return out;
}

}  // namespace

std::string PublicKey::id() const {
    char hex[17];
    sodium_bin2hex(hex, sizeof hex, bytes.data(), 8);
    return hex;
}

std::string PublicKey::text() const {
    return std::string(kPublicHeader) + "\n" + to_base64(bytes.data(), bytes.size()) + "\n";
}

SecretKey::~SecretKey() {
    sodium_memzero(bytes.data(), bytes.size());
}

PublicKey SecretKey::public_key() const {
    PublicKey pk;
    crypto_sign_ed25519_sk_to_pk(pk.bytes.data(), bytes.data());
    return pk;
}

std::string SecretKey::text() const {
    return std::string(kSecretHeader) + "\n" + to_base64(bytes.data(), bytes.size()) + "\n";
}

KeyPair generate() {
    init_sodium();
    KeyPair kp;
    crypto_sign_keypair(kp.public_key.bytes.data(), kp.secret_key.bytes.data());
    return kp;
}

Result<PublicKey> parse_public(std::string_view text, const std::string& what) {
    auto raw = parse_text<32>(text, kPublicHeader, what);
    if (!raw) return fail(raw.error());
    PublicKey pk;
    pk.bytes = *raw;
    return pk;
}

Result<SecretKey> parse_secret(std::string_view text, const std::string& what) {
    init_sodium();
    auto raw = parse_text<64>(text, kSecretHeader, what);
    if (!raw) return fail(raw.error());
    SecretKey sk;
    sk.bytes = *raw;
    sodium_memzero(raw->data(), raw->size());
    // The second half of a libsodium secret key is its public key: a pasted key that was
    // cut or altered shows up here rather than as signatures nobody can verify.
    unsigned char seed[crypto_sign_SEEDBYTES];
    crypto_sign_ed25519_sk_to_seed(seed, sk.bytes.data());
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char check[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(pk, check, seed);
    const bool consistent = sodium_memcmp(check, sk.bytes.data(), sizeof check) == 0;
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(check, sizeof check);
    if (!consistent) return fail(what + ": the secret key is damaged (its halves do not match)");
    return sk;
}

std::string sign(std::string_view bytes, const SecretKey& key) {
    init_sodium();
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                         key.bytes.data());
    return std::string(kSignatureHeader) + "\n" + to_base64(sig, sizeof sig) + "\n";
}

Status verify(std::string_view bytes, std::string_view signature_text, const std::vector<PublicKey>& trusted) {
    init_sodium();
    auto sig = parse_text<64>(signature_text, kSignatureHeader, "signature");
    if (!sig) return fail(sig.error());
    for (const PublicKey& key : trusted) {
        if (crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                                        key.bytes.data()) == 0)
            return success();
    }
    if (trusted.empty()) return fail("no trusted key to check the signature against");
    return fail("the signature does not match the file under any of the " + std::to_string(trusted.size()) +
                " trusted key(s): the file was changed after signing, or signed by another key");
}

Result<std::vector<PublicKey>> load_trusted(const std::vector<std::string>& paths) {
    std::vector<PublicKey> keys;
    for (const std::string& path : paths) {
        auto text = file::read(path, size_limits::kMaxKeyFileBytes);
        if (!text) return fail("trusted key: " + text.error());
        auto key = parse_public(*text, path);
        if (!key) return fail("trusted key: " + key.error());
        keys.push_back(*key);
    }
    return keys;
}

Result<PublicKey> write_key_pair(const std::string& name) {
    const std::string secret_path = name + ".key", public_path = name + ".pub";
    for (const auto& path : {secret_path, public_path})
        if (file::exists(path)) return fail(path + " already exists; refusing to overwrite a key");
    KeyPair kp = generate();
    if (Status s = file::write_atomic(secret_path, kp.secret_key.text(), 0600); !s) return fail(s.error());
    if (Status s = file::write_atomic(public_path, kp.public_key.text(), 0644); !s) return fail(s.error());
    return kp.public_key;
}

}  // namespace nb::sign
