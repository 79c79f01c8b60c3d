// `newsboard-desk serve DIR`: the HTTP server. Returns the exit code when SIGTERM or SIGINT
// stops it.
#pragma once

#include "cli.h"

namespace nb::desk {

int serve(const ServeCommand& cmd);

}  // namespace nb::desk
