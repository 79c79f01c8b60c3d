// SHA-256 through libsodium, as lowercase hex.
#pragma once

#include <sodium.h>

#include <string>
#include <string_view>

namespace nb {

std::string sha256_hex(std::string_view bytes);

// The same, of bytes that come in pieces (a file hashed as it is read through).
class Sha256 {
  public:
    Sha256() { crypto_hash_sha256_init(&state_); }
    void update(std::string_view bytes);
    std::string hex();  // once, after the last update()

  private:
    crypto_hash_sha256_state state_;
};

}  // namespace nb
