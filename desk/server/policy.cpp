#include "policy.h"

namespace nb::desk {

bool role_allows(Role role, Access access) {
    switch (access) {
        case Access::Anyone:
        case Access::Board:
        case Access::Staff: return true;
        case Access::Publisher: return role == Role::Publisher || role == Role::Admin;
        case Access::Admin: return role == Role::Admin;
    }
    return false;
}

namespace {

Verdict deny(int status, std::string code, std::string error) {
    return Verdict{status, std::move(code), std::move(error)};
}

Verdict check_body(const RequestFacts& f, const RoutePolicy& route) {
    if (f.content_encoded) return deny(415, "body_encoded", "compressed request bodies are not accepted");
    bool has_body = f.chunked || (f.content_length && *f.content_length > 0);
    if (route.body == Body::None) {
        if (has_body) return deny(413, "body_not_allowed", "this request takes no body");
        return {};
    }
    if (f.content_length && *f.content_length > route.max_body_bytes) {
        return deny(413, "body_too_large",
                    "the request is larger than " + std::to_string(route.max_body_bytes) + " bytes");
    }
    // A chunked body has no length up front; the reader stops it at the limit.
    return {};
}

}  // namespace

Verdict decide(const RequestFacts& f) {
    if (!f.route) return deny(404, "no_route", "no such page");
    const RoutePolicy& route = *f.route;
    if (auto v = check_body(f, route); !v.allowed()) return v;
    const bool staff_route = route.access != Access::Anyone && route.access != Access::Board;
    if (staff_route && !f.session_role) return deny(401, "signed_out", "please sign in");
    if (f.state_changing) {
        // Browsers send Origin with every POST/PUT/DELETE; a foreign one is a cross-site form
        // or script. This also guards the login, which has no token yet.
        if (f.origin == OriginVerdict::CrossSite) return deny(403, "cross_site", "request from another site refused");
        if (staff_route && f.csrf != TokenVerdict::Right) {
            if (f.csrf == TokenVerdict::Absent) return deny(403, "csrf_missing", "missing X-CSRF-Token header");
            return deny(403, "csrf_wrong", "wrong X-CSRF-Token: sign in again");
        }
    }
    if (f.session_role && !role_allows(*f.session_role, route.access)) {
        const std::string you = std::string(" may do this; you are signed in as ") +
                                (*f.session_role == Role::Editor ? "an " : "a ") + to_string(*f.session_role);
        if (route.access == Access::Publisher) return deny(403, "role_publisher", "only a publisher or an admin" + you);
        return deny(403, "role_admin", "only an admin" + you);
    }
    return {};
}

}  // namespace nb::desk
