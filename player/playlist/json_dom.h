// JSON text to an nlohmann::json value, with the byte offset of a syntax error. nlohmann's
// own parse() reports an offset only for some errors (a number too large to hold throws
// out_of_range without one), so the value is built through its SAX interface instead.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

namespace nb::playlist {

using Json = nlohmann::json;

struct SyntaxError {
    std::size_t offset = 0;  // of the byte where parsing stopped
    std::string message;     // without nlohmann's "[json.exception…] parse error at …: " prefix
};

// Duplicate keys: the last one wins (as with nlohmann's parse()).
// Call only after preflight(): the depth limit is what keeps this from exhausting the stack
// when the value is destroyed.
std::variant<Json, SyntaxError> parse_json(std::string_view text);

}  // namespace nb::playlist
