#include "platform/x11_first_paint.h"

#include <SDL_syswm.h>  // Xlib's types and declarations; its functions come from SDL's copy

#include "platform/sdl_xlib.h"

namespace nb::platform {

bool paint_black_now(SDL_Window* window) {
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11) return false;
    const auto x11 = SdlXlib::loaded();
    if (!x11) return false;
    auto screen_of = x11->function<decltype(&XDefaultScreenOfDisplay)>("XDefaultScreenOfDisplay");
    auto black_of = x11->function<decltype(&XBlackPixelOfScreen)>("XBlackPixelOfScreen");
    auto set_background = x11->function<decltype(&XSetWindowBackground)>("XSetWindowBackground");
    auto clear = x11->function<decltype(&XClearWindow)>("XClearWindow");
    auto flush = x11->function<decltype(&XFlush)>("XFlush");
    if (!screen_of || !black_of || !set_background || !clear || !flush) return false;
    Display* display = info.info.x11.display;
    set_background(display, info.info.x11.window, black_of(screen_of(display)));
    clear(display, info.info.x11.window);
    flush(display);  // sent, not waited for: the server paints while the player goes on
    return true;
}

}  // namespace nb::platform
