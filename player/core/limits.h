// Sizes the player refuses to go past, shared by every module that reads such a thing (the
// playlist parser, the sync, the signer, the desk). Format limits of the playlist itself
// (items, text lengths) are in playlist/limits.h; playlists/README.md states both.
#pragma once

#include <cstdint>

namespace nb::size_limits {

inline constexpr std::uint64_t kMaxPlaylistBytes = 4ull * 1024 * 1024;
inline constexpr std::uint64_t kMaxMediaBytes = 64ull * 1024 * 1024;
inline constexpr std::uint64_t kMaxSignatureBytes = 4096;  // PLAYLIST.sig
inline constexpr std::uint64_t kMaxKeyFileBytes = 4096;    // NAME.pub, NAME.key
inline constexpr std::uint64_t kMaxStateFileBytes = 1024 * 1024;  // the cache's and state's own JSON files
inline constexpr std::uint64_t kMaxConfigBytes = 1024 * 1024;     // --config FILE

// Pictures: checked from the header before any decoder sees the file.
inline constexpr std::uint64_t kMaxImagePixels = 50'000'000;
inline constexpr std::uint32_t kMaxImageSide = 16'384;

}  // namespace nb::size_limits
