// A kiosk window on X11 that is full screen from the moment it is mapped, without waiting.
#pragma once

#include <SDL.h>

namespace nb::platform {

// Sets _NET_WM_STATE_FULLSCREEN on a window SDL created hidden, which is how EWMH lets a
// client state its initial state: a window manager maps it full screen at once. SDL 2.26's
// own request (SDL_WINDOW_FULLSCREEN_DESKTOP) is made after mapping and then polls up to
// 100 ms for a window manager to act, all 100 ms where none runs (a bare X server, as X
// kiosks often are), which delayed the first slide by as much. Without a window manager the
// borderless window the size of the screen at 0,0 is the full screen by itself.
// Returns false (and changes nothing) when the window is not on X11 or Xlib is not loaded.
bool ask_for_fullscreen_at_map(SDL_Window* hidden_window);

}  // namespace nb::platform
