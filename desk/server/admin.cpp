// Administration: the audit log, users and groups (admins only).
#include "desk.h"
#include "new_group.h"
#include "password.h"

namespace nb::desk {

namespace {

std::optional<std::int64_t> count_param(const std::string& s, std::int64_t fallback) {
    if (s.empty()) return fallback;
    if (s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return std::stoll(s);
}

Reply audit_log(Desk& desk, const Call& call) {
    auto before = count_param(call.query_or("before", ""), INT64_MAX);
    auto limit = count_param(call.query_or("limit", ""), 100);
    if (!before || !limit || *limit < 1 || *limit > 1000)
        return error_reply(400, "bad_query", "before: an entry id; limit: 1 to 1000");
    Json out = Json::array();
    for (const auto& e : desk.store.audit_log(*before, static_cast<int>(*limit))) {
        out.push_back({{"id", e.id},
                       {"at", e.at},
                       {"user", e.user},
                       {"address", e.address},
                       {"action", e.action},
                       {"target", e.target},
                       {"detail", e.detail}});
    }
    return json_reply({{"entries", out}});
}

Json user_json(const User& u) { return {{"name", u.name}, {"role", to_string(u.role)}, {"totp", !u.totp_secret.empty()}}; }

Reply list_users(Desk& desk) {
    Json out = Json::array();
    for (const auto& u : desk.store.users()) out.push_back(user_json(u));
    return json_reply({{"users", out}});
}

Reply add_user(Desk& desk, Call& call) {
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    TextFields text(*body);
    std::string name = text("name"), password = text("password");
    auto role = parse_role(text("role"));
    if (auto e = text.error()) return *e;
    if (!is_user_name(name))
        return error_reply(400, "user_name_invalid", "a user name: 1 to 64 characters, no spaces, slashes or quotes",
                           "name");
    if (!role) return error_reply(400, "role_invalid", "role: editor, publisher or admin", "role");
    if (auto s = check_new_password(password); !s) return error_reply(400, "password_rejected", s.error(), "password");
    auto hash = hash_password(password);
    if (!hash) throw std::runtime_error(hash.error());
    if (auto s = desk.store.add_user(name, *role, hash.value()); !s)
        return error_reply(409, "user_exists", s.error(), "name");
    audit(desk, call, "user.add", name, to_string(*role));
    return json_reply(user_json(*desk.store.find_user(name)), 201);
}

Reply change_user(Desk& desk, Call& call) {
    const std::string& name = call.params[0];
    auto user = desk.store.find_user(name);
    if (!user) return error_reply(404, "no_user", "no user " + name);
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    TextFields text(*body);
    std::string role_text = text("role"), password = text("password");
    if (auto e = text.error()) return *e;
    if (!role_text.empty()) {
        auto role = parse_role(role_text);
        if (!role) return error_reply(400, "role_invalid", "role: editor, publisher or admin", "role");
        if (user->name == call.user().name && *role != Role::Admin) {
            return error_reply(409, "own_admin_role", "you cannot take away your own admin role", "role");
        }
        desk.store.set_role(user->id, *role);
        audit(desk, call, "user.role", name, role_text);
    }
    if (!password.empty()) {
        if (auto s = check_new_password(password); !s)
            return error_reply(400, "password_rejected", s.error(), "password");
        auto hash = hash_password(password);
        if (!hash) throw std::runtime_error(hash.error());
        desk.store.set_password(user->id, hash.value());  // and signs the user out everywhere
        audit(desk, call, "user.password", name);
    }
    return json_reply(user_json(*desk.store.find_user(name)));
}

Reply remove_user(Desk& desk, Call& call) {
    const std::string& name = call.params[0];
    if (name == call.user().name) return error_reply(409, "remove_self", "you cannot remove yourself");
    auto user = desk.store.find_user(name);
    if (!user) return error_reply(404, "no_user", "no user " + name);
    desk.store.remove_user(user->id);
    audit(desk, call, "user.remove", name);
    return json_reply(Json::object());
}

Reply add_group(Desk& desk, Call& call) {
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    TextFields text(*body);
    Group g{text("id"), text("name")};
    if (auto e = text.error()) return *e;
    if (!is_group_id(g.id))
        return error_reply(400, "group_id_invalid",
                           "id: 1 to 64 of A-Z a-z 0-9 _ -, not starting with _ or - (it names the public file)", "id");
    if (g.name.empty()) g.name = g.id;
    if (auto problem = group_name_problem(g)) return error_reply(400, "group_name_invalid", "name: " + *problem, "name");
    if (auto s = desk.store.add_group(g, starter_draft(g)); !s)
        return error_reply(409, "group_exists", s.error(), "id");
    audit(desk, call, "group.add", g.id, g.name);
    return json_reply({{"id", g.id}, {"name", g.name}}, 201);
}

}  // namespace

void add_admin_routes(Router& router, Desk& desk) {
    const std::string user = "/api/users/([^/]{1,64})";
    router.add("GET", "/api/audit", {Access::Admin, Body::None, 0}, [&desk](Call& c) { return audit_log(desk, c); });
    router.add("GET", "/api/users", {Access::Admin, Body::None, 0}, [&desk](Call&) { return list_users(desk); });
    router.add("POST", "/api/users", {Access::Admin, Body::Json, 64 * 1024}, [&desk](Call& c) { return add_user(desk, c); });
    router.add("PUT", user, {Access::Admin, Body::Json, 64 * 1024}, [&desk](Call& c) { return change_user(desk, c); });
    router.add("DELETE", user, {Access::Admin, Body::None, 0}, [&desk](Call& c) { return remove_user(desk, c); });
    router.add("POST", "/api/groups", {Access::Admin, Body::Json, 64 * 1024}, [&desk](Call& c) { return add_group(desk, c); });
}

}  // namespace nb::desk
