#include "platform/x11_fullscreen.h"

#include <SDL_syswm.h>  // Xlib's types and declarations; its functions come from SDL's copy

#include "platform/sdl_xlib.h"

namespace nb::platform {

bool ask_for_fullscreen_at_map(SDL_Window* hidden_window) {
    const auto x11 = SdlXlib::window_of(hidden_window);
    if (!x11) return false;
    auto intern = x11->xlib.function<decltype(&XInternAtom)>("XInternAtom");
    auto change = x11->xlib.function<decltype(&XChangeProperty)>("XChangeProperty");
    auto flush = x11->xlib.function<decltype(&XFlush)>("XFlush");
    if (!intern || !change || !flush) return false;
    Display* display = x11->display;
    const Atom state = intern(display, "_NET_WM_STATE", False);
    const Atom fullscreen = intern(display, "_NET_WM_STATE_FULLSCREEN", False);
    change(display, x11->window, state, XA_ATOM, 32, PropModeReplace,
           reinterpret_cast<const unsigned char*>(&fullscreen), 1);
    flush(display);
    return true;
}

}  // namespace nb::platform
