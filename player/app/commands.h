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

}  // namespace nb::app
