#include "platform/sdl_xlib.h"

#include <SDL_syswm.h>

namespace nb::platform {

std::optional<SdlXlib> SdlXlib::loaded() {
    void* handle = ::dlopen("libX11.so.6", RTLD_NOW | RTLD_NOLOAD);
    if (!handle) return std::nullopt;
    return SdlXlib(handle);
}

std::optional<SdlX11Window> SdlXlib::window_of(SDL_Window* window) {
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11) return std::nullopt;
    auto xlib = loaded();
    if (!xlib) return std::nullopt;
    return SdlX11Window{std::move(*xlib), info.info.x11.display, info.info.x11.window};
}

}  // namespace nb::platform
