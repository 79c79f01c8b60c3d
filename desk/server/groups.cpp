// Groups of boards: GET /api/groups.
#include "desk.h"

namespace nb::desk {

namespace {

Reply list_groups(Desk& desk) {
    Json out = Json::array();
    for (const auto& g : desk.store.groups()) {
        Json j{{"id", g.id}, {"name", g.name}};
        if (auto d = desk.store.draft(g.id)) {
            j["draft"] = {{"revision", d->revision}, {"state", d->state}, {"updated_by", d->updated_by}, {"updated_at", d->updated_at}};
        }
        auto e = desk.store.latest(g.id);
        j["edition"] = e ? Json{{"number", e->number}, {"published_at", e->published_at}, {"published_by", e->published_by}} : Json();
        out.push_back(std::move(j));
    }
    return json_reply({{"groups", out}});
}

}  // namespace

void add_group_routes(Router& router, Desk& desk) {
    router.add("GET", "/api/groups", {Access::Staff, Body::None, 0}, [&desk](Call&) { return list_groups(desk); });
}

}  // namespace nb::desk
