#include "platform/x11_first_paint.h"

#include <SDL_syswm.h>  // Xlib's types; its functions are looked up in SDL's copy of libX11
#include <dlfcn.h>

namespace nb::platform {

bool paint_black_now(SDL_Window* window) {
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11) return false;
    // As in x11_fullscreen.cpp: SDL dlopens libX11; RTLD_NOLOAD takes that copy and loads none.
    void* x11 = ::dlopen("libX11.so.6", RTLD_NOW | RTLD_NOLOAD);
    if (!x11) return false;
    using DefaultScreenOf = Screen* (*)(Display*);
    using BlackPixelOf = unsigned long (*)(Screen*);
    using SetBackground = int (*)(Display*, Window, unsigned long);
    using ClearWindow = int (*)(Display*, Window);
    using Flush = int (*)(Display*);
    auto screen_of = reinterpret_cast<DefaultScreenOf>(::dlsym(x11, "XDefaultScreenOfDisplay"));
    auto black_of = reinterpret_cast<BlackPixelOf>(::dlsym(x11, "XBlackPixelOfScreen"));
    auto set_background = reinterpret_cast<SetBackground>(::dlsym(x11, "XSetWindowBackground"));
    auto clear = reinterpret_cast<ClearWindow>(::dlsym(x11, "XClearWindow"));
    auto flush = reinterpret_cast<Flush>(::dlsym(x11, "XFlush"));
    bool done = false;
    if (screen_of && black_of && set_background && clear && flush) {
        Display* display = info.info.x11.display;
        set_background(display, info.info.x11.window, black_of(screen_of(display)));
        clear(display, info.info.x11.window);
        flush(display);  // sent, not waited for: the server paints while the player goes on
        done = true;
    }
    ::dlclose(x11);  // drops only our reference
    return done;
}

}  // namespace nb::platform
