// Which SDL video driver the player opens, chosen by the player, never left to SDL's probe.
// SDL 2.26, asked for no driver, tries x11, then wayland, KMSDRM and finally "offscreen", which
// always works and shows nothing: a player that could not reach its X server for a moment
// (Xorg and Xvfb reset when their last client leaves and refuse connections meanwhile; at boot
// the server may not be up yet) ran on "offscreen", fed the watchdog and left the board black,
// with only libwayland's "XDG_RUNTIME_DIR is invalid" line in the journal from the probe.
#pragma once

#include <atomic>
#include <string>

namespace nb::app {

struct VideoChoice {
    std::string driver;  // "x11", "wayland", "kmsdrm" or what SDL_VIDEODRIVER names
    std::string why;     // for the journal: "DISPLAY=:0"
};

// SDL_VIDEODRIVER when set (an operator's choice); else x11 when DISPLAY is set, wayland when
// WAYLAND_DISPLAY is, and KMSDRM (a board's console) when neither is. Null means unset.
VideoChoice choose_video_driver(const char* sdl_videodriver, const char* display, const char* wayland_display);
VideoChoice choose_video_driver();  // from this process's environment

// Starts SDL's video on `choice` only. A display server that refuses us (resetting, not up
// yet) is asked again for up to `patience_s` seconds, saying once that it waits; false when it
// never answers or `stop` is set (SDL_GetError() says why). Logs the driver and why.
bool start_video(const VideoChoice& choice, const std::atomic<bool>& stop, int patience_s = 30);

}  // namespace nb::app
