// The board's state directory: what must outlive the cache. A cache can be lost (a full SD
// card wiped, a folder removed by hand, a fresh image with an old cache restored); if the
// replay rule's memory went with it, any older signed edition could be served again.
//
//   DIR/high-water.json   the newest edition taken from the source: {"source", "updated",
//                         "sha256"}; written atomically after each switch
//   DIR/high-water.copy.json  the same, written after it: one rotten file loses nothing
//   DIR/crash-loop.json   the crash-loop record (sync/crash_loop.h): the start marker, recent
//                         crashes and the quarantined editions; written at start, at each
//                         switch and at a clean exit
//
// The default is $STATE_DIRECTORY (systemd's StateDirectory=newsboard: /var/lib/newsboard),
// else $XDG_STATE_HOME/newsboard, else ~/.local/state/newsboard, else /var/lib/newsboard.
#pragma once

#include <optional>
#include <string>

#include "core/file.h"
#include "core/result.h"
#include "sync/crash_loop.h"
#include "sync/freshness.h"

namespace nb::sync {

std::string default_state_dir();

class BoardState {
  public:
    // Creates the folder when missing.
    static Result<BoardState> open(std::string dir);
    const std::string& dir() const { return dir_; }

    // The mark for `source`; nothing when there is none or it is another source's (a board
    // moved to another playlist starts afresh); an error when it is damaged (and so is its
    // copy): an unreadable mark must not lower the board's guard.
    Result<std::optional<HighWater>> high_water(const std::string& source) const;
    Status set_high_water(const std::string& source, const HighWater& mark);

    // The crash-loop record; an empty one when there is none. A damaged record reads as empty
    // with `damaged` set (it costs at most a quarantine that comes three crashes later).
    CrashRecord crash_record(bool* damaged = nullptr) const;
    // Durable by default; Durability::Report is atomic but not flushed (enough for a process
    // that crashes: the kernel keeps it), for a write on the frame loop's path.
    Status set_crash_record(const CrashRecord& r, file::Durability durability = file::Durability::Durable);

  private:
    explicit BoardState(std::string dir) : dir_(std::move(dir)) {}
    std::string dir_;
};

}  // namespace nb::sync
