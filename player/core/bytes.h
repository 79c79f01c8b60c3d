// Integers as files store them, read from bytes in memory. The caller checks that the bytes
// are there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace nb::bytes {

inline std::uint32_t u8(std::string_view b, std::size_t i) { return static_cast<unsigned char>(b[i]); }
inline std::uint32_t be16(std::string_view b, std::size_t i) { return u8(b, i) << 8 | u8(b, i + 1); }
inline std::uint32_t le16(std::string_view b, std::size_t i) { return u8(b, i) | u8(b, i + 1) << 8; }
inline std::uint32_t le24(std::string_view b, std::size_t i) { return le16(b, i) | u8(b, i + 2) << 16; }
inline std::uint32_t be32(std::string_view b, std::size_t i) { return be16(b, i) << 16 | be16(b, i + 2); }
inline std::uint32_t le32(std::string_view b, std::size_t i) { return le16(b, i) | le16(b, i + 2) << 16; }

}  // namespace nb::bytes
