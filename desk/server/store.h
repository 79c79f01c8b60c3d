// The desk's database (DIR/desk.db): users, sessions, groups, drafts, editions and the audit
// log. Every method takes the one connection's lock, so handlers on the server's threads can
// call it freely; every value goes through a bound parameter (sqlite.h).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "roles.h"
#include "sqlite.h"

namespace nb::desk {

struct User {
    std::int64_t id = 0;
    std::string name;
    Role role = Role::Editor;
    std::string password_hash;
    std::string totp_secret;  // base32; empty: no second factor
    std::int64_t totp_last_step = -1;
};

struct Session {
    std::string token_hash;
    std::string csrf;
    User user;
    std::int64_t created = 0;    // unix seconds
    std::int64_t last_seen = 0;
};

struct Group {
    std::string id;    // file-name safe: public/<id>.json
    std::string name;  // for people: 公园
};

// A group's working copy. `revision` grows by one with every save; a save names the revision
// it started from, so two editors can never overwrite each other unseen.
struct Draft {
    std::string group;
    std::string body;  // the playlist JSON as saved
    std::int64_t revision = 0;
    std::string state;  // editing, submitted, approved
    std::string updated_by, updated_at, submitted_by, approved_by;
};

// A published edition: immutable once written.
struct Edition {
    std::string group;
    std::int64_t number = 0;
    std::string body;  // the exact bytes published (and signed)
    std::string sha256;
    std::string published_by, published_at;
    std::string kind;  // publish, restore, urgent
    std::string note;
};

enum class SaveOutcome { Saved, Conflict, NoSuchGroup };
enum class DraftState { Submitted, Approved };  // "editing" comes back with every save

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;       // RFC 3339 UTC
    std::string user;     // "" for the command line or an anonymous login attempt
    std::string address;  // client address, "cli" for the command line
    std::string action;   // "login", "publish", …
    std::string target;   // a group, a user
    std::string detail;   // free text
};

class Store {
  public:
    static Result<Store> create(const std::string& path);  // a new desk: fails if it exists
    static Result<Store> open(const std::string& path);

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    // Users
    Status add_user(const std::string& name, Role role, const std::string& password_hash);
    std::optional<User> find_user(const std::string& name);
    std::vector<User> users();
    void set_role(std::int64_t user_id, Role role);
    // A new password ends every session of the user.
    void set_password(std::int64_t user_id, const std::string& password_hash);
    void remove_user(std::int64_t user_id);
    void set_totp(std::int64_t user_id, const std::string& secret_base32);
    // Records that `step` was used, refusing it when a step at or after it already was (a
    // code works once). Returns whether it was accepted.
    bool use_totp_step(std::int64_t user_id, std::int64_t step);

    // Sessions: the cookie holds a random token; the database only its SHA-256.
    void add_session(const Session& s, const std::string& address);
    std::optional<Session> find_session(const std::string& token_hash);
    void touch_session(const std::string& token_hash, std::int64_t now);
    void remove_session(const std::string& token_hash);
    void remove_sessions_before(std::int64_t idle_since, std::int64_t created_since);

    // Groups
    Status add_group(const Group& g, const std::string& initial_draft);
    std::vector<Group> groups();
    std::optional<Group> find_group(const std::string& id);

    // Drafts
    std::optional<Draft> draft(const std::string& group);
    // Saves when the stored revision is still `base_revision`; `current` is the draft after
    // the call either way (the new one, or the one that won).
    SaveOutcome save_draft(const std::string& group, std::int64_t base_revision, const std::string& body,
                           const std::string& user, Draft& current);
    // Moves the draft to `state` when it is still at `revision`.
    SaveOutcome set_draft_state(const std::string& group, std::int64_t revision, DraftState state,
                                const std::string& user, Draft& current);

    // Editions, newest first; edition() with the body.
    std::vector<Edition> editions(const std::string& group);
    std::optional<Edition> edition(const std::string& group, std::int64_t number);
    std::int64_t latest_edition(const std::string& group);  // 0: none yet
    std::optional<Edition> latest(const std::string& group);
    // Records edition latest+1; the caller holds the desk's publishing lock.
    Edition add_edition(Edition e);

    // Audit log, newest first.
    void audit(const AuditEntry& e);
    std::vector<AuditEntry> audit_log(std::int64_t before_id, int limit);

    // For handlers that need several statements in one transaction (drafts, editions).
    struct Locked {
        std::unique_lock<std::mutex> lock;
        Database& db;
    };
    Locked lock();

  private:
    Store(Database db);
    Status migrate();
    struct State;
    std::unique_ptr<State> state_;
};

// A group id: 1 to 64 of A–Z a–z 0–9 _ -, not starting with _ or - (it names public files).
bool is_group_id(const std::string& id);

}  // namespace nb::desk

namespace nb::desk {
// A staff name: valid UTF-8, 1 to 64 bytes, no spaces, slashes, quotes or control characters.
bool is_user_name(const std::string& name);
}  // namespace nb::desk
