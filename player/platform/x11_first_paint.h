// The X server's first write of the screen, started before the first frame needs it.
#pragma once

#include <SDL.h>

namespace nb::platform {

// Gives a kiosk window on X11 a black background and has the server paint it now, without
// waiting for that. Why: on a fresh X server without a GPU (Xvfb, Xorg's shadow framebuffer
// after boot) the screen's memory is faulted in page by page the first time anything is drawn
// there, ~30 ms of the server's time at 1920x1080 on the side-by-side VM, and the first slide
// paid it. Asked for as soon as the window has its surface, the server does it while the
// player faults in that surface and loads its playlist. The background is also what the window
// shows before its first frame: black, not what was under it. Call after the renderer exists:
// SDL waits for the server when it makes the window's surface, and would wait for this too.
// Returns false (and changes nothing) when the window is not on X11 or Xlib is not loaded.
bool paint_black_now(SDL_Window* window);

}  // namespace nb::platform
