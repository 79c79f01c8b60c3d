#include "app/video_driver.h"

#include <SDL.h>
#include <systemd/sd-daemon.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "show/waker.h"

namespace nb::app {
namespace {

bool set(const char* v) {
    return v && *v;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// Display servers restart and reset; a console (KMSDRM) is there or not.
bool behind_a_server(const std::string& driver) {
    return driver == "x11" || driver == "wayland";
}

}  // namespace

VideoChoice choose_video_driver(const char* sdl_videodriver, const char* display, const char* wayland_display) {
    if (set(sdl_videodriver)) return {sdl_videodriver, std::string("SDL_VIDEODRIVER=") + sdl_videodriver};
    if (set(display)) return {"x11", std::string("DISPLAY=") + display};
    if (set(wayland_display)) return {"wayland", std::string("WAYLAND_DISPLAY=") + wayland_display};
    return {"kmsdrm", "neither DISPLAY nor WAYLAND_DISPLAY is set: the console"};
}

VideoChoice choose_video_driver() {
    return choose_video_driver(std::getenv("SDL_VIDEODRIVER"), std::getenv("DISPLAY"), std::getenv("WAYLAND_DISPLAY"));
}

bool start_video(const VideoChoice& choice, const std::atomic<bool>& stop, int patience_s) {
    using Clock = std::chrono::steady_clock;
    // The hint, not SDL's own order: no silent fall-back to a driver that shows nothing. The
    // environment variable of the same name still wins over it, as choose_video_driver() says.
    SDL_SetHint(SDL_HINT_VIDEODRIVER, choice.driver.c_str());
    const auto began = Clock::now();
    const auto give_up = began + std::chrono::seconds(patience_s);
    int refusals = 0;
    while (!stop.load()) {
        const auto attempt = Clock::now();
        if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
            const char* got = SDL_GetCurrentVideoDriver();
            std::fprintf(stderr, "newsboard: video: %s (%s)", got ? got : choice.driver.c_str(), choice.why.c_str());
            if (refusals) std::fprintf(stderr, ", after %d refusals in %.1f s", refusals, seconds_since(began));
            std::fprintf(stderr, "\n");
            return true;
        }
        ++refusals;
        if (!behind_a_server(choice.driver)) return false;
        if (refusals == 1)
            std::fprintf(stderr, "newsboard: video: %s (%s) refused after %.1f s: %s; asking again for up to %d s\n",
                         choice.driver.c_str(), choice.why.c_str(), seconds_since(attempt), SDL_GetError(),
                         patience_s);
        // A few attempts even when one alone took the whole time (a connection the server
        // dropped only after a long wait).
        if (Clock::now() >= give_up && refusals >= 3) return false;
        // Not READY yet: systemd's start timeout runs, and this wait is meant.
        sd_notify(0, "EXTEND_TIMEOUT_USEC=5000000");
        // An X server's reset takes milliseconds; SIGTERM wakes this sleep (show/waker.h).
        show::sleep_until_woken(std::chrono::milliseconds(100));
    }
    SDL_SetError("stopped while waiting for the display server");
    return false;
}

}  // namespace nb::app
