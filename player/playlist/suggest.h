// "did you mean …?" for misspelt keys and enum values.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace nb::playlist {

// The candidate closest to `word` by edit distance (Levenshtein, on bytes), if it is close
// enough to be a plausible typo: at most 1 edit for short words, 2 for longer ones.
std::optional<std::string_view> closest(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace nb::playlist
