// JSON text for every file the player writes (the cache's state, the status file,
// layout.json): one writer that never throws. nlohmann::json's dump() throws type_error 316 on
// a string that is not UTF-8, and such strings come from outside (an ETag header, a file name,
// a curl error text); here they are written with U+FFFD in place of the bad bytes instead.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace nb::json_text {

// `indent` as nlohmann's dump(): -1 compact, else spaces per level. The text ends in a newline.
// Never throws: on any failure (out of memory) the text is "null\n".
std::string dump(const nlohmann::json& j, int indent = 2) noexcept;

// For the player's own small files on the way back in: the string at `key` of an object, or
// "" when it is missing or not a string (the caller's checks then refuse it).
std::string string_at(const nlohmann::json& j, const char* key);

}  // namespace nb::json_text
