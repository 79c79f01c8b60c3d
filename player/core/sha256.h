// SHA-256 through libsodium, as lowercase hex.
#pragma once

#include <string>
#include <string_view>

namespace nb {

std::string sha256_hex(std::string_view bytes);

}  // namespace nb
