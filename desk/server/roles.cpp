#include "roles.h"

namespace nb::desk {

const char* to_string(Role r) {
    switch (r) {
        case Role::Editor: return "editor";
        case Role::Publisher: return "publisher";
        case Role::Admin: return "admin";
    }
    return "editor";
}

std::optional<Role> parse_role(std::string_view text) {
    for (Role r : {Role::Editor, Role::Publisher, Role::Admin}) {
        if (text == to_string(r)) return r;
    }
    return std::nullopt;
}

}  // namespace nb::desk
