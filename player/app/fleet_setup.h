// `play --broker …`: the fleet (fleet/fleet.h) set up from the command line. Nothing without
// --broker.
#pragma once

#include <functional>
#include <memory>

#include "app/options.h"
#include "core/result.h"
#include "fleet/fleet.h"
#include "show/content.h"

namespace nb::app {

// `sync_now` wakes the sync thread (empty for a local file). Errors are usage errors: a bad
// --broker, no --board-id, an unreadable password or trusted key.
Result<std::unique_ptr<fleet::Fleet>> start_fleet(const Options& o, show::ContentSource& content,
                                                  std::function<void()> sync_now);

}  // namespace nb::app
