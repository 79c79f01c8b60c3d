#include "core/json_text.h"

namespace nb::json_text {

std::string dump(const nlohmann::json& j, int indent) noexcept {
    try {
        return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } catch (...) {  // std::bad_alloc: a writer that cannot write must not take the board down
        return "null\n";
    }
}

}  // namespace nb::json_text
