#include "platform/x11_first_paint.h"

#include <SDL_syswm.h>  // Xlib's types and declarations; its functions come from SDL's copy

#include "platform/sdl_xlib.h"

namespace nb::platform {

bool paint_black_now(SDL_Window* window) {
    const auto x11 = SdlXlib::window_of(window);
    if (!x11) return false;
    auto screen_of = x11->xlib.function<decltype(&XDefaultScreenOfDisplay)>("XDefaultScreenOfDisplay");
    auto black_of = x11->xlib.function<decltype(&XBlackPixelOfScreen)>("XBlackPixelOfScreen");
    auto set_background = x11->xlib.function<decltype(&XSetWindowBackground)>("XSetWindowBackground");
    auto clear = x11->xlib.function<decltype(&XClearWindow)>("XClearWindow");
    auto flush = x11->xlib.function<decltype(&XFlush)>("XFlush");
    if (!screen_of || !black_of || !set_background || !clear || !flush) return false;
    Display* display = x11->display;
    set_background(display, x11->window, black_of(screen_of(display)));
    clear(display, x11->window);
    flush(display);  // sent, not waited for: the server paints while the player goes on
    return true;
}

}  // namespace nb::platform
