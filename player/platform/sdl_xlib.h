// SDL's own copy of libX11, for the few Xlib calls the player makes on SDL's window
// (x11_fullscreen.h, x11_first_paint.h, x11_lost.h) (RAII).
// SDL 2.26 loads libX11 itself when it uses X11, and the player does not link it: RTLD_NOLOAD
// takes that copy and never loads one where X11 is not in use (KMSDRM, Wayland, headless).
#pragma once

#include <SDL.h>
#include <dlfcn.h>

#include <memory>
#include <optional>

struct _XDisplay;  // Xlib's Display, for the callers that include Xlib's headers

namespace nb::platform {

struct SdlX11Window;

class SdlXlib {
  public:
    // SDL's libX11, or nothing where it is not loaded.
    static std::optional<SdlXlib> loaded();
    // SDL's X11 window `window` with that libX11, or nothing (another video driver, no window).
    static std::optional<SdlX11Window> window_of(SDL_Window* window);

    // Xlib's function `name` as the pointer type Fn (decltype(&XFlush) where Xlib's header is
    // included, so the call is checked against its declaration), or null.
    template <class Fn>
    Fn function(const char* name) const {
        // POSIX guarantees a function's address survives the round trip through void*.
        return reinterpret_cast<Fn>(::dlsym(handle_.get(), name));
    }

  private:
    struct Closer {
        void operator()(void* handle) const { ::dlclose(handle); }  // drops only our reference
    };
    explicit SdlXlib(void* handle) : handle_(handle) {}
    std::unique_ptr<void, Closer> handle_;
};

struct SdlX11Window {
    SdlXlib xlib;
    _XDisplay* display;    // SDL's connection
    unsigned long window;  // Xlib's Window (an XID)
};

}  // namespace nb::platform
