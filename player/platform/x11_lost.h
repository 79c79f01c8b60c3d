// What a player on X11 does when its X server goes away (Xvfb killed, a desktop session ended).
#pragma once

namespace nb::platform {

// Makes the loss of the X connection end the process with exit status 3 (runtime failure) and
// a log line. Without it Xlib's default I/O error handler prints and calls exit(1), which the
// command line's contract reserves for invalid content, and exit() runs static destructors
// while the sync and prepare threads are still running. Call once the X11 window exists; does
// nothing when libX11 is not loaded (KMSDRM, Wayland, headless).
void exit_when_x_server_lost();

}  // namespace nb::platform
