// What a request may do: the one place that decides, for every request, whether it goes on to
// its handler. Pure — the server gathers the facts (route, session, token, origin, body
// headers) and acts on the verdict; tests give it facts directly.
//
// Order of the checks, so the answer says the first thing a client must fix:
//   unknown route 404 · body too large, chunked where no body may come, or compressed 413/415 ·
//   no session 401 · cross-site Origin 403 · missing or wrong CSRF token 403 · role too low 403.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "roles.h"

namespace nb::desk {

// Who may call a route.
enum class Access {
    Anyone,     // login, the web page's files
    Staff,      // any signed-in role
    Publisher,  // publisher or admin
    Admin,
    Board,      // a board's signed request (fleet_routes.h): no session, checked by its signature
};

// How a route's request body is read: not at all, into memory, or streamed to a temp file.
// Bytes: read into memory like Json, but not JSON (a board's screenshot).
enum class Body { None, Json, Upload, Bytes };

struct RoutePolicy {
    Access access = Access::Staff;
    Body body = Body::None;
    std::uint64_t max_body_bytes = 0;
};

enum class OriginVerdict {
    Absent,     // no Origin header: not a browser's cross-site request (scripts, curl)
    SameSite,   // matches the desk's own origin as the client sees it
    CrossSite,  // anything else, "null" included
};

enum class TokenVerdict { Absent, Wrong, Right };

struct RequestFacts {
    bool state_changing = false;  // not GET/HEAD
    std::optional<RoutePolicy> route;
    std::optional<Role> session_role;  // nullopt: no valid session
    OriginVerdict origin = OriginVerdict::Absent;
    TokenVerdict csrf = TokenVerdict::Absent;
    std::optional<std::uint64_t> content_length;
    bool chunked = false;
    bool content_encoded = false;  // Content-Encoding: a compressed body could be a bomb
};

struct Verdict {
    int status = 200;  // 200: go on to the handler
    std::string code;  // error_reply's code ("csrf_wrong")
    std::string error;
    bool allowed() const { return status == 200; }
};

Verdict decide(const RequestFacts& facts);

bool role_allows(Role role, Access access);

}  // namespace nb::desk
