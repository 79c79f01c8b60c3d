// Where a line may break: ICU's UAX #14 line iterator for Chinese, tuned by the rules a
// Chinese typesetter expects (see linebreak.cpp). Offsets are UTF-8 byte offsets.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace nb::text {

struct BreakOpportunity {
    std::size_t offset = 0;  // byte offset where the next line would start
    bool mandatory = false;  // after a newline or paragraph separator
};

// Every place strictly inside `utf8` (0 < offset < size) where a line may start, in order.
std::vector<BreakOpportunity> line_breaks(std::string_view utf8);

// The offsets of line_breaks(), for tests and callers that need no more.
std::vector<std::size_t> break_opportunities(std::string_view utf8);

}  // namespace nb::text
