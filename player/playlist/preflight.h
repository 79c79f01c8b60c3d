// Checks on the raw bytes before any JSON parser sees them: size, UTF-8 and nesting depth.
// They bound the work the parser and the locator do, so no input can exhaust memory, the
// stack or the clock.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/diagnostic.h"

namespace nb::playlist {

inline constexpr std::size_t kMaxNestingDepth = 64;

enum class Preflight { Passed, Failed };

// Reports the first problem found (a located error) and stops there: after one of these
// nothing else in the file can be trusted to be located correctly.
Preflight preflight(std::string_view bytes, const std::string& path, Diagnostics& diags);

}  // namespace nb::playlist
