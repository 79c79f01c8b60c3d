#include "platform/x11_fullscreen.h"

#include <SDL_syswm.h>  // Xlib's types; its functions are looked up in SDL's copy of libX11
#include <dlfcn.h>

namespace nb::platform {

bool ask_for_fullscreen_at_map(SDL_Window* hidden_window) {
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!hidden_window || !SDL_GetWindowWMInfo(hidden_window, &info) || info.subsystem != SDL_SYSWM_X11) return false;
    // As in x11_lost.cpp: SDL dlopens libX11; RTLD_NOLOAD takes that copy and loads none.
    void* x11 = ::dlopen("libX11.so.6", RTLD_NOW | RTLD_NOLOAD);
    if (!x11) return false;
    using InternAtom = Atom (*)(Display*, const char*, Bool);
    using ChangeProperty = int (*)(Display*, Window, Atom, Atom, int, int, const unsigned char*, int);
    using Flush = int (*)(Display*);
    auto intern = reinterpret_cast<InternAtom>(::dlsym(x11, "XInternAtom"));
    auto change = reinterpret_cast<ChangeProperty>(::dlsym(x11, "XChangeProperty"));
    auto flush = reinterpret_cast<Flush>(::dlsym(x11, "XFlush"));
    bool done = false;
    if (intern && change && flush) {
        Display* display = info.info.x11.display;
        const Atom state = intern(display, "_NET_WM_STATE", False);
        const Atom fullscreen = intern(display, "_NET_WM_STATE_FULLSCREEN", False);
        change(display, info.info.x11.window, state, XA_ATOM, 32, PropModeReplace,
               reinterpret_cast<const unsigned char*>(&fullscreen), 1);
        flush(display);
        done = true;
    }
    ::dlclose(x11);  // drops only our reference
    return done;
}

}  // namespace nb::platform
