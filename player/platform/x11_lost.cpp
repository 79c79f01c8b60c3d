#include "platform/x11_lost.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstring>

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
    // SDL 2.26 opens libX11 itself (dlopen) and installs no I/O error handler of its own.
    // RTLD_NOLOAD takes the copy SDL loaded and never loads one where X11 is not in use.
    void* x11 = ::dlopen("libX11.so.6", RTLD_NOW | RTLD_NOLOAD);
    if (!x11) return;
    if (auto set = reinterpret_cast<SetIOErrorHandler>(::dlsym(x11, "XSetIOErrorHandler")))
        set(on_x_connection_lost);
    ::dlclose(x11);  // drops only our reference: SDL's keeps the library loaded
}

}  // namespace nb::platform
