// A small RAII wrapper around SQLite: one connection, prepared statements with bound
// parameters. There is no way to run SQL with values spliced into the text — every value
// goes through bind(), so staff input can never change a statement.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace nb::desk {

class Statement;

class Database {
  public:
    // Opens (creating when asked) the file, with foreign keys on, WAL and a busy timeout.
    enum class Create { No, Yes };
    static Result<Database> open(const std::string& path, Create create);

    // Runs constant SQL (schema, pragmas, BEGIN/COMMIT). Never for SQL with values.
    Status exec(const char* constant_sql);
    // Prepares a statement; the SQL holds `?` placeholders for every value.
    Statement prepare(const char* sql);
    std::int64_t last_insert_id() const;
    int changes() const;

  private:
    struct Close {
        void operator()(sqlite3* db) const;
    };
    std::unique_ptr<sqlite3, Close> db_;
};

// A prepared statement. bind() numbers from 1; step() returns true while there is a row.
// Errors (a constraint, a full disk) throw DatabaseError: they are the desk's fault or the
// machine's, never the user's, and the server turns them into a 500 with a log line.
class Statement {
  public:
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind_null(int index);
    bool step();
    // step() until done, for statements without rows.
    void run();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    bool is_null(int column) const;

  private:
    friend class Database;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    struct Finalize {
        void operator()(sqlite3_stmt* s) const;
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
};

struct DatabaseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// BEGIN IMMEDIATE … COMMIT; rolled back when destroyed before commit() (an exception, an
// early return), so a half-done change never stays.
class Transaction {
  public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

  private:
    Database& db_;
    bool done_ = false;
};

// True when the error was a UNIQUE or PRIMARY KEY constraint (a name taken).
bool is_unique_violation(const DatabaseError& e);

}  // namespace nb::desk
