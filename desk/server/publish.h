// Publishing an edition: the playlist gets its `updated` (always later than the last
// edition's), is checked by the boards' own validation, signed with the desk's key (which
// never leaves the server), recorded as an immutable edition, and written to public/ —
// signature first, then the playlist, each atomically, the playlist's mtime always later than
// the one it replaces (nginx's ETag is mtime + length: two publishes in one second with the
// same length must still look changed to a board).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "api.h"
#include "core/time.h"

namespace nb::desk {

struct Desk;

enum class EditionKind { Publish, Restore, Urgent };
const char* to_string(EditionKind k);

struct Published {
    std::int64_t edition = 0;
    std::string sha256;
    std::string updated;
};

// Refusals are replies (422 with the problems, at the first error's field).
std::variant<Published, Reply> publish(Desk& desk, const std::string& group, Json playlist, const std::string& user,
                                       EditionKind kind, const std::string& note);

// The `updated` of a new edition: now, or one second after the previous edition's when the
// clock says otherwise (a board refuses a playlist older than the one it shows).
TimePoint next_updated(std::optional<TimePoint> previous, TimePoint now);

// The mtime (unix seconds) a replacing file must get: now, or one second after the old file's.
std::int64_t next_mtime(std::optional<std::int64_t> old_mtime, std::int64_t now);

}  // namespace nb::desk
