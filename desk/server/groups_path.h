// The path pattern of a group in the API: /api/groups/<id>/…, id as is_group_id() allows.
#pragma once

namespace nb::desk {

inline constexpr const char* kGroupPattern = "/api/groups/([A-Za-z0-9][A-Za-z0-9_-]{0,63})";

}  // namespace nb::desk
