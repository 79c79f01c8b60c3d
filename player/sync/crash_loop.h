// Crash-loop quarantine: one bad edition must not take a board down for good. Under systemd's
// Restart=always, a playlist that crashes the player (a decoder bug, a picture a library
// chokes on) would crash it again at every start. So a start marker in the state directory
// names the edition on screen; a run that ends without clearing it (a crash, an abort, the
// watchdog's kill) counts as a crash of that edition. Three crashes of one edition within ten
// minutes quarantine it: the board starts on the previous good edition instead (the cache
// keeps it), says "quarantined", and the sync refuses those bytes until a new edition (another
// sha256) arrives. Pure: the caller reads and writes the record (sync/state.h) and passes the
// time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace nb::sync {

struct CrashRecord {
    struct Run {
        std::string sha256;  // the edition on screen; empty: none (standby)
        TimePoint since{};   // when the process started
    };
    struct Crash {
        std::string sha256;
        TimePoint at{};
    };
    std::optional<Run> running;            // this process's marker, or a dead one's when read at start
    std::vector<Crash> crashes;            // within kCrashWindow of the last start
    std::vector<std::string> quarantined;  // sha256s the board neither shows nor takes
};

inline constexpr int kCrashesToQuarantine = 3;
inline constexpr Seconds kCrashWindow{10 * 60};
inline constexpr Seconds kHealthyAfter{10 * 60};

// At start-up, before anything is shown: the marker of a run that did not end cleanly becomes
// a crash of its edition, crashes outside the window are forgotten, and an edition with
// kCrashesToQuarantine crashes in the window joins the quarantine. Then the marker names this
// run with the edition `shown` (chosen with the quarantine in force; empty for none).
CrashRecord after_start(CrashRecord r, TimePoint now);
CrashRecord started(CrashRecord r, const std::string& shown, TimePoint now);

// The loop loads `sha256`: the marker names it from now on. It lifts nothing: the edition that
// stands in for a quarantined one is loaded this way too.
CrashRecord took(CrashRecord r, const std::string& sha256);

// The source gave a new edition, one that is not quarantined (the sync took it, or a local
// playlist file changed to it): the quarantine is over.
CrashRecord lifted(CrashRecord r);

// The run has been up kHealthyAfter: its edition's crashes are forgiven (true when that
// changed the record). The marker stays: a crash later still counts, once.
bool forgive_when_healthy(CrashRecord& r, TimePoint now);

// A clean exit: no crash to count.
CrashRecord clean_exit(CrashRecord r);

bool is_quarantined(const CrashRecord& r, const std::string& sha256);

}  // namespace nb::sync
