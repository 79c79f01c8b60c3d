// The paste as the desk's API speaks it: POST /api/paste {"text": …, "reject": [change ids]}
// answers {"items": [playlist items], "changes": […], "leftovers": […], "section": …}. The items
// are playlist format v1 (ids "paste-1" …; photos without an image until one is uploaded).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "paste.h"

namespace nb::paste {

nlohmann::json to_json(const Page& page);

struct RequestError {
    std::string message;
    std::string at;  // "text", "reject[2]"
};

// The reply for a request body, or what is wrong with the request and where.
std::variant<nlohmann::json, RequestError> answer(const nlohmann::json& request);

}  // namespace nb::paste
