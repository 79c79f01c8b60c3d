// What the running desk holds: its folder, database, signing key, options and the state
// shared by handlers. Made once by serve(); handlers get it by reference.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "api.h"
#include "cli.h"
#include "desk_dir.h"
#include "doorbell.h"
#include "preview.h"
#include "rate_limit.h"
#include "sign/sign.h"
#include "store.h"

namespace nb::desk {

struct LoginLimits {
    std::mutex mutex;
    RateLimiter by_user{5, std::chrono::minutes(15)};       // guessing one account's password
    RateLimiter by_address{30, std::chrono::minutes(15)};   // spraying many accounts from one place
    // One argon2id verification at a time (64 MiB each): a login storm queues, it does not
    // take the machine's memory.
    std::mutex hashing;
};

// Enrolment is open to anyone (a board has no account yet): every try counts. Generous, as a
// whole fleet may enrol from behind one address.
struct EnrolLimits {
    std::mutex mutex;
    RateLimiter by_address{1000, std::chrono::minutes(10)};
};

struct Desk {
    DeskDir dir;
    ServeCommand options;
    Store store;
    sign::SecretKey key;
    std::string web_dir;
    std::unique_ptr<Doorbell> doorbell;
    std::unique_ptr<Previewer> previewer;
    LoginLimits logins;
    std::mutex publishing;  // one publish at a time: editions are numbered in order
    EnrolLimits enrols{};
};

// An audit line for what `call`'s user did, from where.
void audit(Desk& desk, const Call& call, const std::string& action, const std::string& target,
           const std::string& detail = {});

// A group's playlist as stored: the draft, or with `edition` ("12") that published edition.
struct Fetched {
    std::string bytes;
    std::optional<Reply> error;  // 404 no such group or edition, 400 a malformed number
};
Fetched playlist_bytes(Desk& desk, const std::string& group, const std::string& edition);

// The draft revision a request names (`"revision": N`, the one the client started from): a
// whole number from 1 up, as revisions are. Absent, of another type, zero or negative is the
// client's mistake, never a conflict: 400 at "revision" in `error`.
std::optional<std::int64_t> revision_field(const Json& body, Reply& error);

// The answer when a request named `asked` but the draft is at `current.revision`: 409 with the
// draft that won when someone saved since; 400 at "revision" when `asked` is ahead of it (a
// revision the draft never had: revisions only grow, so nobody can have started from it).
Reply revision_refused(std::int64_t asked, const Draft& current);

// Adds each area's routes; the order of the table is the order of matching.
void add_auth_routes(Router& router, Desk& desk);
void add_group_routes(Router& router, Desk& desk);
void add_draft_routes(Router& router, Desk& desk);
void add_media_routes(Router& router, Desk& desk);
void add_preview_routes(Router& router, Desk& desk);
void add_edition_routes(Router& router, Desk& desk);
void add_admin_routes(Router& router, Desk& desk);
void add_paste_routes(Router& router, Desk& desk);
void add_fleet_routes(Router& router, Desk& desk);
void add_static_routes(Router& router, Desk& desk);

}  // namespace nb::desk
