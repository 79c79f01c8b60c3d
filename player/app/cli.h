// The `newsboard` command: parses options and runs one subcommand; returns the exit code.
#pragma once

namespace nb::app {

int run(int argc, const char* const* argv);

}  // namespace nb::app
