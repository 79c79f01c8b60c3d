#include "sqlite.h"

#include <sqlite3.h>

#include <stdexcept>

namespace nb::desk {

namespace {

constexpr const char* kUniquePrefix = "UNIQUE constraint failed";

[[noreturn]] void throw_error(sqlite3* db, const char* what) {
    throw DatabaseError(std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

void Database::Close::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void Statement::Finalize::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

Result<Database> Database::open(const std::string& path, Create create) {
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_NOFOLLOW;
    if (create == Create::Yes) flags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Database d;
    d.db_.reset(raw);
    if (rc != SQLITE_OK) {
        return fail(path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);
    for (const char* pragma : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL",
                               "PRAGMA synchronous = FULL", "PRAGMA trusted_schema = OFF"}) {
        if (auto s = d.exec(pragma); !s) return fail(path + ": " + s.error());
    }
    return d;
}

Status Database::exec(const char* constant_sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_.get(), constant_sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        return fail(text);
    }
    return success();
}

Statement Database::prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &stmt, nullptr) != SQLITE_OK) {
        throw_error(db_.get(), "prepare");
    }
    return Statement(db_.get(), stmt);
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_.get()); }
int Database::changes() const { return sqlite3_changes(db_.get()); }

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK) throw_error(db_, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8) != SQLITE_OK) {
        throw_error(db_, "bind");
    }
    return *this;
}

Statement& Statement::bind_null(int index) {
    if (sqlite3_bind_null(stmt_.get(), index) != SQLITE_OK) throw_error(db_, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_error(db_, "step");
}

void Statement::run() {
    while (step()) {
    }
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_.get(), column); }

std::string Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), column));
    if (!p) return {};
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), column)));
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL; }

Transaction::Transaction(Database& db) : db_(db) {
    if (auto s = db_.exec("BEGIN IMMEDIATE"); !s) throw DatabaseError("begin: " + s.error());
}

Transaction::~Transaction() {
    if (!done_) (void)db_.exec("ROLLBACK");
}

void Transaction::commit() {
    if (auto s = db_.exec("COMMIT"); !s) throw DatabaseError("commit: " + s.error());
    done_ = true;
}

bool is_unique_violation(const DatabaseError& e) {
    return std::string_view(e.what()).find(kUniquePrefix) != std::string_view::npos;
}

}  // namespace nb::desk
