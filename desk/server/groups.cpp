// Groups of boards: GET /api/groups.
#include "desk.h"

namespace nb::desk {

namespace {

Reply list_groups(Desk& desk) {
    Json out = Json::array();
    for (const auto& g : desk.store.groups()) out.push_back({{"id", g.id}, {"name", g.name}});
    return json_reply({{"groups", out}});
}

}  // namespace

void add_group_routes(Router& router, Desk& desk) {
    router.add("GET", "/api/groups", {Access::Staff, Body::None, 0}, [&desk](Call&) { return list_groups(desk); });
}

}  // namespace nb::desk
