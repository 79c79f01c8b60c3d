#include "platform/x11_lost.h"

#include <unistd.h>

#include "platform/sdl_xlib.h"

namespace nb::platform {
namespace {

// Xlib's XIOErrorHandler is `int (*)(Display*)`; the Display is never looked at here, so
// Xlib's headers (and a build dependency on libx11-dev) are not needed.
using IOErrorHandler = int (*)(void*);
using SetIOErrorHandler = IOErrorHandler (*)(IOErrorHandler);

int on_x_connection_lost(void*) {
    // Only async-signal-safe calls: Xlib may be anywhere inside its own locks. _exit, not
    // exit: threads are mid-work, and every cache write is atomic, so nothing needs flushing.
    static const char message[] =
        "newsboard: error: the connection to the X server was lost; exiting (the service restarts the player)\n";
    ssize_t ignored = ::write(2, message, sizeof message - 1);
    (void)ignored;
    ::_exit(3);
}

}  // namespace

void exit_when_x_server_lost() {
    // SDL 2.26 installs no I/O error handler of its own.
    const auto x11 = SdlXlib::loaded();
    if (!x11) return;
    if (auto set = x11->function<SetIOErrorHandler>("XSetIOErrorHandler")) set(on_x_connection_lost);
}

}  // namespace nb::platform
