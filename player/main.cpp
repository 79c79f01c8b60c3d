#include <cstdio>
#include <exception>

#include "app/cli.h"

// The last catch of the main thread: a fault that got this far is logged with what it was and
// ends the run with exit 3, so systemd restarts the player (and a quarantine can count it)
// instead of abort()'s core dump. Other threads catch at their own entry.
int main(int argc, char** argv) {
    try {
        return nb::app::run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "newsboard: error: internal error: %s\n", e.what());
    } catch (...) {
        std::fprintf(stderr, "newsboard: error: internal error (an unknown exception)\n");
    }
    return 3;
}
