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

Verdict deny(int status, std::string error) { return Verdict{status, std::move(error)}; }

Verdict check_body(const RequestFacts& f, const RoutePolicy& route) {
    if (f.content_encoded) return deny(415, "compressed request bodies are not accepted");
    bool has_body = f.chunked || (f.content_length && *f.content_length > 0);
    if (route.body == Body::None) {
        if (has_body) return deny(413, "this request takes no body");
        return {};
    }
    if (f.content_length && *f.content_length > route.max_body_bytes) {
        return deny(413, "the request is larger than " + std::to_string(route.max_body_bytes) + " bytes");
    }
    // A chunked body has no length up front; the reader stops it at the limit.
    return {};
}

}  // namespace

Verdict decide(const RequestFacts& f) {
    if (!f.route) return deny(404, "no such page");
    const RoutePolicy& route = *f.route;
    if (auto v = check_body(f, route); !v.allowed()) return v;
    const bool staff_route = route.access != Access::Anyone && route.access != Access::Board;
    if (staff_route && !f.session_role) return deny(401, "please sign in");
    if (f.state_changing) {
        // Browsers send Origin with every POST/PUT/DELETE; a foreign one is a cross-site form
        // or script. This also guards the login, which has no token yet.
        if (f.origin == OriginVerdict::CrossSite) return deny(403, "request from another site refused");
        if (staff_route && f.csrf != TokenVerdict::Right) {
            return deny(403, f.csrf == TokenVerdict::Absent ? "missing X-CSRF-Token header"
                                                           : "wrong X-CSRF-Token: sign in again");
        }
    }
    if (f.session_role && !role_allows(*f.session_role, route.access)) {
        const char* needs = route.access == Access::Publisher ? "a publisher or an admin" : "an admin";
        return deny(403, std::string("only ") + needs + " may do this; you are signed in as " +
                             (*f.session_role == Role::Editor ? "an " : "a ") + to_string(*f.session_role));
    }
    return {};
}

}  // namespace nb::desk
