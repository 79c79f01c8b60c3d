#include "core/json_text.h"

namespace nb::json_text {

std::string dump(const nlohmann::json& j, int indent) noexcept {
    try {
        return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } catch (...) {  // std::bad_alloc: a writer that cannot write must not take the board down
        return "null\n";
    }
}

std::string string_at(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace nb::json_text
