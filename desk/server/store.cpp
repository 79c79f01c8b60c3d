#include "store.h"

#include <unistd.h>

#include "core/file.h"
#include "core/time.h"

namespace nb::desk {

namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK(role IN ('editor', 'publisher', 'admin')),
  password_hash TEXT NOT NULL,
  totp_secret TEXT NOT NULL DEFAULT '',
  totp_last_step INTEGER NOT NULL DEFAULT -1,
  created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions(
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  address TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS board_groups(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS drafts(
  group_id TEXT PRIMARY KEY REFERENCES board_groups(id),
  body TEXT NOT NULL,
  revision INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'editing',
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT '',
  submitted_by TEXT NOT NULL DEFAULT '',
  approved_by TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS editions(
  group_id TEXT NOT NULL REFERENCES board_groups(id),
  number INTEGER NOT NULL,
  body TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(group_id, number));
CREATE TABLE IF NOT EXISTS audit(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  address TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL);
-- The fleet (issue 13, docs/fleet.md): enrolled boards, their last status from the broker,
-- the nonces of signed board requests (replay), proof of play, and alert settings per group.
CREATE TABLE IF NOT EXISTS boards(
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL,
  key TEXT NOT NULL,
  state TEXT NOT NULL CHECK(state IN ('pending', 'approved', 'revoked')),
  enrolled_at INTEGER NOT NULL,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at INTEGER NOT NULL DEFAULT 0,
  conflict_key TEXT NOT NULL DEFAULT '',
  conflict_at INTEGER NOT NULL DEFAULT 0,
  screenshot_type TEXT NOT NULL DEFAULT '',
  screenshot_at INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS board_status(
  board TEXT PRIMARY KEY,
  group_id TEXT NOT NULL,
  online INTEGER NOT NULL,
  seen INTEGER NOT NULL,
  status TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS board_nonces(nonce TEXT PRIMARY KEY, seen INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS plays(
  uuid TEXT PRIMARY KEY,
  board TEXT NOT NULL,
  item TEXT NOT NULL,
  playlist TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  start TEXT NOT NULL,
  hour TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  received INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS plays_by_hour ON plays(hour);
CREATE TABLE IF NOT EXISTS fleet_alerts(
  group_id TEXT PRIMARY KEY,
  offline_after_s INTEGER NOT NULL,
  quiet_from INTEGER NOT NULL,
  quiet_to INTEGER NOT NULL);
INSERT OR IGNORE INTO meta(key, value) VALUES('schema', '1');
)SQL";

User read_user(const Statement& s, int first) {
    User u;
    u.id = s.integer(first);
    u.name = s.text(first + 1);
    u.role = parse_role(s.text(first + 2)).value_or(Role::Editor);
    u.password_hash = s.text(first + 3);
    u.totp_secret = s.text(first + 4);
    u.totp_last_step = s.integer(first + 5);
    return u;
}

constexpr const char* kUserColumns = "users.id, users.name, users.role, users.password_hash, users.totp_secret, users.totp_last_step";

}  // namespace

struct Store::State {
    explicit State(Database d) : db(std::move(d)) {}
    std::mutex mutex;
    Database db;
};

Store::Store(Database db) : state_(std::make_unique<State>(std::move(db))) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

bool is_group_id(const std::string& id) {
    if (id.empty() || id.size() > 64 || id[0] == '_' || id[0] == '-') return false;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

Result<Store> Store::create(const std::string& path) {
    if (file::exists(path)) return fail(path + " already exists: this folder already holds a desk");
    auto db = Database::open(path, Database::Create::Yes);
    if (!db) return fail(db.error());
    Store s(std::move(db.value()));
    if (auto m = s.migrate(); !m) return fail(path + ": " + m.error());
    return s;
}

Result<Store> Store::open(const std::string& path) {
    if (!file::exists(path)) return fail(path + " does not exist: make a desk first with `newsboard-desk init DIR`");
    auto db = Database::open(path, Database::Create::No);
    if (!db) return fail(db.error());
    Store s(std::move(db.value()));
    if (auto m = s.migrate(); !m) return fail(path + ": " + m.error());
    return s;
}

Status Store::migrate() { return state_->db.exec(kSchema); }

Store::Locked Store::lock() { return Locked{std::unique_lock<std::mutex>(state_->mutex), state_->db}; }

Status Store::add_user(const std::string& name, Role role, const std::string& password_hash) {
    auto l = lock();
    try {
        l.db.prepare("INSERT INTO users(name, role, password_hash, created) VALUES(?, ?, ?, ?)")
            .bind(1, name)
            .bind(2, to_string(role))
            .bind(3, password_hash)
            .bind(4, format_timestamp_utc(nb::now()))
            .run();
    } catch (const DatabaseError& e) {
        if (is_unique_violation(e)) return fail("there is already a user called " + name);
        throw;
    }
    return success();
}

std::optional<User> Store::find_user(const std::string& name) {
    auto l = lock();
    auto s = l.db.prepare((std::string("SELECT ") + kUserColumns + " FROM users WHERE name = ?").c_str());
    s.bind(1, name);
    if (!s.step()) return std::nullopt;
    return read_user(s, 0);
}

std::vector<User> Store::users() {
    auto l = lock();
    auto s = l.db.prepare((std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name").c_str());
    std::vector<User> out;
    while (s.step()) out.push_back(read_user(s, 0));
    return out;
}

void Store::set_role(std::int64_t user_id, Role role) {
    auto l = lock();
    l.db.prepare("UPDATE users SET role = ? WHERE id = ?").bind(1, to_string(role)).bind(2, user_id).run();
}

void Store::set_password(std::int64_t user_id, const std::string& password_hash) {
    auto l = lock();
    Transaction t(l.db);
    l.db.prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind(1, password_hash).bind(2, user_id).run();
    l.db.prepare("DELETE FROM sessions WHERE user_id = ?").bind(1, user_id).run();
    t.commit();
}

void Store::remove_user(std::int64_t user_id) {
    auto l = lock();
    l.db.prepare("DELETE FROM users WHERE id = ?").bind(1, user_id).run();  // sessions cascade
}

void Store::set_totp(std::int64_t user_id, const std::string& secret_base32) {
    auto l = lock();
    l.db.prepare("UPDATE users SET totp_secret = ?, totp_last_step = -1 WHERE id = ?").bind(1, secret_base32).bind(2, user_id).run();
}

bool Store::use_totp_step(std::int64_t user_id, std::int64_t step) {
    auto l = lock();
    l.db.prepare("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?")
        .bind(1, step)
        .bind(2, user_id)
        .bind(3, step)
        .run();
    return l.db.changes() == 1;
}

void Store::add_session(const Session& s, const std::string& address) {
    auto l = lock();
    l.db.prepare("INSERT INTO sessions(token_hash, user_id, csrf, created, last_seen, address) VALUES(?, ?, ?, ?, ?, ?)")
        .bind(1, s.token_hash)
        .bind(2, s.user.id)
        .bind(3, s.csrf)
        .bind(4, s.created)
        .bind(5, s.last_seen)
        .bind(6, address)
        .run();
}

std::optional<Session> Store::find_session(const std::string& token_hash) {
    auto l = lock();
    auto st = l.db.prepare((std::string("SELECT sessions.token_hash, sessions.csrf, sessions.created, sessions.last_seen, ") +
                            kUserColumns + " FROM sessions JOIN users ON users.id = sessions.user_id WHERE token_hash = ?")
                               .c_str());
    st.bind(1, token_hash);
    if (!st.step()) return std::nullopt;
    Session s;
    s.token_hash = st.text(0);
    s.csrf = st.text(1);
    s.created = st.integer(2);
    s.last_seen = st.integer(3);
    s.user = read_user(st, 4);
    return s;
}

void Store::touch_session(const std::string& token_hash, std::int64_t now) {
    auto l = lock();
    l.db.prepare("UPDATE sessions SET last_seen = ? WHERE token_hash = ?").bind(1, now).bind(2, token_hash).run();
}

void Store::remove_session(const std::string& token_hash) {
    auto l = lock();
    l.db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, token_hash).run();
}

void Store::remove_sessions_before(std::int64_t idle_since, std::int64_t created_since) {
    auto l = lock();
    l.db.prepare("DELETE FROM sessions WHERE last_seen < ? OR created < ?").bind(1, idle_since).bind(2, created_since).run();
}

Status Store::add_group(const Group& g, const std::string& initial_draft) {
    if (!is_group_id(g.id)) {
        return fail("group id \"" + g.id + "\": use 1 to 64 of A-Z a-z 0-9 _ - (it names the public file)");
    }
    auto l = lock();
    try {
        Transaction t(l.db);
        l.db.prepare("INSERT INTO board_groups(id, name, created) VALUES(?, ?, ?)")
            .bind(1, g.id)
            .bind(2, g.name)
            .bind(3, format_timestamp_utc(nb::now()))
            .run();
        l.db.prepare("INSERT INTO drafts(group_id, body, revision) VALUES(?, ?, 1)").bind(1, g.id).bind(2, initial_draft).run();
        t.commit();
    } catch (const DatabaseError& e) {
        if (is_unique_violation(e)) return fail("there is already a group " + g.id);
        throw;
    }
    return success();
}

std::vector<Group> Store::groups() {
    auto l = lock();
    auto s = l.db.prepare("SELECT id, name FROM board_groups ORDER BY id");
    std::vector<Group> out;
    while (s.step()) out.push_back(Group{s.text(0), s.text(1)});
    return out;
}

std::optional<Group> Store::find_group(const std::string& id) {
    auto l = lock();
    auto s = l.db.prepare("SELECT id, name FROM board_groups WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return Group{s.text(0), s.text(1)};
}

namespace {

constexpr const char* kDraftSelect =
    "SELECT group_id, body, revision, state, updated_by, updated_at, submitted_by, approved_by FROM drafts WHERE group_id = ?";

std::optional<Draft> read_draft(Database& db, const std::string& group) {
    auto s = db.prepare(kDraftSelect);
    s.bind(1, group);
    if (!s.step()) return std::nullopt;
    return Draft{s.text(0), s.text(1), s.integer(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)};
}

}  // namespace

std::optional<Draft> Store::draft(const std::string& group) {
    auto l = lock();
    return read_draft(l.db, group);
}

SaveOutcome Store::save_draft(const std::string& group, std::int64_t base_revision, const std::string& body,
                              const std::string& user, Draft& current) {
    auto l = lock();
    Transaction t(l.db);
    auto d = read_draft(l.db, group);
    if (!d) return SaveOutcome::NoSuchGroup;
    if (d->revision != base_revision) {
        current = *d;
        return SaveOutcome::Conflict;
    }
    // A changed draft needs submitting and approving again.
    l.db.prepare("UPDATE drafts SET body = ?, revision = revision + 1, state = 'editing', updated_by = ?, "
                 "updated_at = ?, submitted_by = '', approved_by = '' WHERE group_id = ?")
        .bind(1, body)
        .bind(2, user)
        .bind(3, format_timestamp_utc(nb::now()))
        .bind(4, group)
        .run();
    current = *read_draft(l.db, group);
    t.commit();
    return SaveOutcome::Saved;
}

SaveOutcome Store::set_draft_state(const std::string& group, std::int64_t revision, DraftState state,
                                   const std::string& user, Draft& current) {
    auto l = lock();
    Transaction t(l.db);
    auto d = read_draft(l.db, group);
    if (!d) return SaveOutcome::NoSuchGroup;
    if (d->revision != revision) {
        current = *d;
        return SaveOutcome::Conflict;
    }
    // Who submitted and who approved are kept beside the state, for the page and the audit.
    const char* sql = state == DraftState::Submitted
                          ? "UPDATE drafts SET state = 'submitted', submitted_by = ? WHERE group_id = ?"
                          : "UPDATE drafts SET state = 'approved', approved_by = ? WHERE group_id = ?";
    l.db.prepare(sql).bind(1, user).bind(2, group).run();
    current = *read_draft(l.db, group);
    t.commit();
    return SaveOutcome::Saved;
}

std::vector<Edition> Store::editions(const std::string& group) {
    auto l = lock();
    auto s = l.db.prepare(
        "SELECT group_id, number, sha256, published_by, published_at, kind, note FROM editions WHERE group_id = ? "
        "ORDER BY number DESC");
    s.bind(1, group);
    std::vector<Edition> out;
    while (s.step()) {
        out.push_back(Edition{s.text(0), s.integer(1), "", s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
    }
    return out;
}

std::optional<Edition> Store::edition(const std::string& group, std::int64_t number) {
    auto l = lock();
    auto s = l.db.prepare(
        "SELECT group_id, number, body, sha256, published_by, published_at, kind, note FROM editions "
        "WHERE group_id = ? AND number = ?");
    s.bind(1, group).bind(2, number);
    if (!s.step()) return std::nullopt;
    return Edition{s.text(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)};
}

std::int64_t Store::latest_edition(const std::string& group) {
    auto l = lock();
    auto s = l.db.prepare("SELECT COALESCE(MAX(number), 0) FROM editions WHERE group_id = ?");
    s.bind(1, group);
    return s.step() ? s.integer(0) : 0;
}

std::optional<Edition> Store::latest(const std::string& group) {
    std::int64_t n = latest_edition(group);
    return n > 0 ? edition(group, n) : std::nullopt;
}

Edition Store::add_edition(Edition e) {
    auto l = lock();
    Transaction t(l.db);
    auto s = l.db.prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM editions WHERE group_id = ?");
    s.bind(1, e.group);
    e.number = s.step() ? s.integer(0) : 1;
    if (e.published_at.empty()) e.published_at = format_timestamp_utc(nb::now());
    l.db.prepare(
            "INSERT INTO editions(group_id, number, body, sha256, published_by, published_at, kind, note) "
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, e.group)
        .bind(2, e.number)
        .bind(3, e.body)
        .bind(4, e.sha256)
        .bind(5, e.published_by)
        .bind(6, e.published_at)
        .bind(7, e.kind)
        .bind(8, e.note)
        .run();
    t.commit();
    return e;
}

void Store::audit(const AuditEntry& e) {
    auto l = lock();
    l.db.prepare("INSERT INTO audit(at, user, address, action, target, detail) VALUES(?, ?, ?, ?, ?, ?)")
        .bind(1, e.at.empty() ? format_timestamp_utc(nb::now()) : e.at)
        .bind(2, e.user)
        .bind(3, e.address)
        .bind(4, e.action)
        .bind(5, e.target)
        .bind(6, e.detail)
        .run();
}

std::vector<AuditEntry> Store::audit_log(std::int64_t before_id, int limit) {
    auto l = lock();
    auto s = l.db.prepare(
        "SELECT id, at, user, address, action, target, detail FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?");
    s.bind(1, before_id).bind(2, static_cast<std::int64_t>(limit));
    std::vector<AuditEntry> out;
    while (s.step()) {
        out.push_back(AuditEntry{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
    }
    return out;
}

}  // namespace nb::desk

#include "core/utf8.h"

namespace nb::desk {

bool is_user_name(const std::string& name) {
    if (name.empty() || name.size() > 64 || !utf8::is_valid(name)) return false;
    for (unsigned char c : name) {
        if (c == '/' || c == '\\' || c == '"' || c == '\'') return false;
    }
    // Spaces and controls of any script, not only ASCII's: an ideographic space (U+3000, a
    // Chinese keyboard's), a no-break space or a zero-width one makes a name that reads the
    // same as another in the user list and the audit log.
    for (char32_t cp : utf8::decode(name)) {
        if (utf8::is_invisible(cp)) return false;
    }
    return true;
}

}  // namespace nb::desk
