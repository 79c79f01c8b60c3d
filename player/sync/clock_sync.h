// Is the system clock synchronised (NTP or PTP has set it)? Only then may a board call an
// `updated` "in the future": a Pi without a real-time clock boots at its last shutdown time
// (fake-hwclock) or in 1970, and a playlist's time must not be judged by that.
//
// The answer comes from the kernel, through adjtimex(2) with no modes: its return value is
// TIME_ERROR and its status has STA_UNSYNC while no time daemon has disciplined the clock.
// systemd-timesyncd, chrony and ntpd all clear STA_UNSYNC once they have synchronised, so this
// works whichever the board runs, needs no file in /run (timesyncd's
// /run/systemd/timesync/synchronized exists only with timesyncd) and no D-Bus (timedated).
#pragma once

namespace nb::sync {

// Pure: adjtimex()'s return value and timex.status.
bool clock_synchronised(int adjtimex_result, int timex_status);

// Asks the kernel (Linux); false where it cannot tell.
bool system_clock_synchronised();

}  // namespace nb::sync
