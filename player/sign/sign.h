// Ed25519 signatures for playlists (libsodium): keys and detached signatures as short text
// files that staff can paste into a mail or a CMS field.
//
//   NAME.pub            newsboard-ed25519-public
//                       <base64 of the 32-byte public key>
//   NAME.key            newsboard-ed25519-secret
//                       <base64 of libsodium's 64-byte secret key (seed + public key)>
//   PLAYLIST.sig        newsboard-ed25519-signature
//                       <base64 of the 64-byte detached signature over the file's exact bytes>
//
// The first line names the kind, the second holds standard base64 (with padding). Lines after
// the second that start with '#' are comments; blank lines and CR/LF endings are tolerated.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace nb::sign {

inline constexpr const char* kPublicHeader = "newsboard-ed25519-public";
inline constexpr const char* kSecretHeader = "newsboard-ed25519-secret";
inline constexpr const char* kSignatureHeader = "newsboard-ed25519-signature";

struct PublicKey {
    std::array<unsigned char, 32> bytes{};
    // A short fingerprint for logs: the first 8 bytes of the key in hex.
    std::string id() const;
    std::string text() const;  // the NAME.pub file's contents
};

// The secret half; wiped from memory when destroyed.
class SecretKey {
  public:
    SecretKey() = default;
    SecretKey(const SecretKey&) = default;
    SecretKey& operator=(const SecretKey&) = default;
    ~SecretKey();
    std::array<unsigned char, 64> bytes{};
    PublicKey public_key() const;
    std::string text() const;  // the NAME.key file's contents
};

struct KeyPair {
    PublicKey public_key;
    SecretKey secret_key;
};

KeyPair generate();

// `what` names the source in errors ("staff.pub").
Result<PublicKey> parse_public(std::string_view text, const std::string& what);
Result<SecretKey> parse_secret(std::string_view text, const std::string& what);

// The PLAYLIST.sig file's contents for `bytes`.
std::string sign(std::string_view bytes, const SecretKey& key);

// Succeeds when `signature_text` is a signature of exactly `bytes` by one of `trusted`.
Status verify(std::string_view bytes, std::string_view signature_text, const std::vector<PublicKey>& trusted);

// Reads and parses --trusted-key files.
Result<std::vector<PublicKey>> load_trusted(const std::vector<std::string>& paths);

// `newsboard keygen NAME`: NAME.key (mode 0600) and NAME.pub, refusing to overwrite either.
Result<PublicKey> write_key_pair(const std::string& name);

}  // namespace nb::sign
