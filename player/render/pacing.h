// How often a frame is worth drawing. Vsync paces a GPU; a software renderer (X11 without a
// GPU: a VM, a thin client, a previewer) pays for every frame of a crossfade in CPU: blending
// two full screens and handing the result to the X server cost ~5 ms at 1920x1080, so 60
// frames a second made a 1 s crossfade cost about a third of a CPU-second (one blend over the
// kept frame now, show/compositor.h's fade_over_last, the player's own on the frame's pixels:
// ~0.6-0.9 ms, plus the present). A fade changes slowly: 25 frames a second (film's rate) look
// as smooth, for less than half. A moving ticker and a push keep the full rate, where a step of
// a few pixels shows.
#pragma once

#include <chrono>
#include <cstring>

namespace nb::render {

enum class Motion { Fade, Other };  // Fade: a crossfade runs

inline std::chrono::milliseconds frame_interval(const char* renderer_driver, Motion motion) {
    const bool software = renderer_driver && std::strcmp(renderer_driver, "software") == 0;
    return std::chrono::milliseconds(software && motion == Motion::Fade ? 40 : 16);
}

}  // namespace nb::render
