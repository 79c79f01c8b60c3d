// The crash-loop record of a running `play URL` (sync/crash_loop.h holds the rule): read and
// judged at start, then kept up to date in the state directory as the run goes on. Each
// change is written at once (atomically): the next start must know what this run showed
// even if it dies the next instant. The frame loop's took() is not flushed on its thread
// (a crash of the process loses nothing the kernel holds); flush() makes it durable, on the
// sync thread once the switch settles, and every other change is flushed as it is written.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "sync/crash_loop.h"
#include "sync/state.h"

namespace nb::app {

class CrashLog {
  public:
    // Nothing kept without a state directory (or when it cannot be opened: the board plays).
    explicit CrashLog(const std::string& state_dir, TimePoint now);

    // The editions the sync must keep off screen (for sync::Config::quarantined).
    std::vector<std::string> quarantined() const;
    // The run begins, showing `sha256` (empty: nothing yet).
    void started(const std::string& sha256, TimePoint now);
    // The loop loads `sha256` (a new edition, or the one standing in for a quarantined one).
    void took(const std::string& sha256);
    // What took() wrote, made durable (a power cut then counts it against the right edition).
    void flush();
    // The source gave a new edition that is not quarantined: the quarantine is over.
    void lift();
    // After each sync: the health check that forgives old crashes.
    void tick(TimePoint now);
    bool is_quarantined(const std::string& sha256) const;
    // The player stops in order: this run is no crash.
    void clean_exit();

  private:
    void save(file::Durability durability = file::Durability::Durable);
    mutable std::mutex mutex_;  // the sync thread and the main thread both report
    std::optional<sync::BoardState> state_;
    sync::CrashRecord record_;
    bool unflushed_ = false;  // the file holds record_, but perhaps only in the kernel's cache
};

}  // namespace nb::app
