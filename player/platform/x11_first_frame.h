// The first frame of SDL's software renderer on X11, sent to the server over the socket.
#pragma once

#include <SDL.h>

namespace nb::platform {

// Sends the window's framebuffer (SDL_GetWindowSurface, what the software renderer drew into)
// to the window with plain XPutImage requests of a few rows each, and flushes them. Why: SDL
// presents through MIT-SHM, a System V segment the server maps when the first present reads
// it, and System V mappings get no fault-around: the server then faults in all 2,025 pages
// of a 1920x1080 frame one by one (~25 ms of its time on the side-by-side VM, more under
// load) before the first slide shows. Strips of 32 rows go through the server's request
// buffer, which it keeps: ~60 fresh pages. The caller's SDL_RenderPresent right after copies
// the same pixels through the segment, so the server pays its mapping while the slide is
// already up, and every later frame goes SDL's way. The strips go with the server grabbed, so
// no other client sees a frame half sent. Returns false (nothing sent) when the
// window is not on X11, Xlib is not loaded or the surface is not the window's 32-bit frame.
bool put_frame_over_socket(SDL_Window* window);

}  // namespace nb::platform
