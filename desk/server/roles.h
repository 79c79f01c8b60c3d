// Staff roles. Each role can do everything the one before it can: editors prepare and submit,
// publishers also approve and publish, admins also manage users and groups.
#pragma once

#include <optional>
#include <string_view>

namespace nb::desk {

enum class Role { Editor = 1, Publisher = 2, Admin = 3 };

const char* to_string(Role r);
std::optional<Role> parse_role(std::string_view text);

}  // namespace nb::desk
