// Test hooks for the fault matrix, not user options (like app/test_clock.h): boards never set
// them. They make a thread fail the way a bug or a hung device would, so the tests can show
// the board containing it:
//   NEWSBOARD_TEST_PREPARE=throw[:ITEM]  preparing ITEM (or every item) throws: the item is
//                                        skipped with a cool-down, the rest plays
//   NEWSBOARD_TEST_PREPARE=hang[:ITEM]   preparing ITEM (or any item) never ends: the prepare
//                                        worker is stuck, and after its deadline (1 min) the
//                                        systemd watchdog is no longer fed
//   NEWSBOARD_TEST_PREPARE=abort[:ITEM] preparing ITEM (or any item) aborts the process: a
//                                        crash, for the crash-loop quarantine (sync/crash_loop.h)
//   NEWSBOARD_TEST_SYNC=hang             the sync thread hangs after its first sync: after its
//                                        deadline (2 min) the watchdog is no longer fed
// Deadlines run on the loop's clock, so NEWSBOARD_CLOCK_RATE shortens them.
#pragma once

#include "core/result.h"
#include "show/loop.h"

namespace nb::app {

// Sets `config.prepare_fault` from NEWSBOARD_TEST_PREPARE; an error when it does not parse.
Status apply_test_faults(show::LoopConfig& config);

// NEWSBOARD_TEST_SYNC=hang.
bool test_sync_hangs();

}  // namespace nb::app
