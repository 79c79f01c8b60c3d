// One function per subcommand. Each returns an ExitCode.
#pragma once

#include "app/options.h"

namespace nb::app {

int render_command(const Options& options);
int check_command(const Options& options);
int play_command(const Options& options);
int preview_command(const Options& options);
int keygen_command(const Options& options);
int sign_command(const Options& options);
// The --config file could not be read (Options::config_unreadable): the error, on stderr and for
// `play` in the --status file; exit 3 for `play` (the unit tries again: the file may yet come),
// else 2.
int config_unreadable_command(const Options& options);

}  // namespace nb::app
