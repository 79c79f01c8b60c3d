#include "sync/clock_sync.h"

#include <sys/timex.h>

namespace nb::sync {

bool clock_synchronised(int adjtimex_result, int timex_status) {
    return adjtimex_result != -1 && adjtimex_result != TIME_ERROR && (timex_status & STA_UNSYNC) == 0;
}

bool system_clock_synchronised() {
    struct timex t {};
    t.modes = 0;  // read only
    const int r = ::adjtimex(&t);
    return clock_synchronised(r, t.status);
}

}  // namespace nb::sync
