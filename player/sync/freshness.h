// Which signed editions a board may take: the rules against replay and against a typo that
// would block every later edition. Pure: the caller passes the edition, the board's
// high-water mark (the newest edition it ever accepted, kept in the state directory apart
// from the cache), the time and whether the clock can be trusted.
#pragma once

#include <optional>
#include <string>

#include "core/time.h"

namespace nb::sync {

// A signed edition, as far as these rules care.
struct Edition {
    std::string updated_text;  // empty: the playlist has no "updated"
    TimePoint updated{};
    std::string sha256;
    std::optional<TimePoint> expires;
};

// The newest edition a board has accepted from its source.
struct HighWater {
    std::string updated_text;
    TimePoint updated{};
    std::string sha256;
};

// How far ahead of a synchronised clock an `updated` may be: a day covers every time zone
// mistake and a publisher's clock running fast, but not a typo'd year.
inline constexpr Seconds kMaxUpdatedAhead{24 * 3600};

enum class ClockState { Synchronised, Unknown };

// Why an edition whose "expires" is `expires` may no longer be shown at `now`, or nothing.
// Signed or not: staff set it, and a board past it shows its standby screen instead.
std::optional<std::string> expired(const std::string& source, const std::optional<TimePoint>& expires, TimePoint now);

// Why the edition must be refused, or nothing when it may be shown. `source` names it in
// the message. An edition whose bytes are the mark's own passes (the board's current one).
std::optional<std::string> refuse_edition(const std::string& source, const Edition& e,
                                          const std::optional<HighWater>& mark, TimePoint now, ClockState clock);

}  // namespace nb::sync
