#include <cstdio>
#include <exception>

#include "app/cli.h"
#include "text/icu_paging.h"

// The last catch of the main thread: a fault that got this far is logged with what it was and
// ends the run with exit 3, so systemd restarts the player (and a quarantine can count it)
// instead of abort()'s core dump. Other threads catch at their own entry.
int main(int argc, char** argv) {
    nb::text::read_icu_data_as_used();  // before anything reads ICU's data (text/icu_paging.h)
    try {
        return nb::app::run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "newsboard: error: internal error: %s\n", e.what());
    } catch (...) {
        std::fprintf(stderr, "newsboard: error: internal error (an unknown exception)\n");
    }
    return 3;
}
