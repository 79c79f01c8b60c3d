// `newsboard play SOURCE` and `newsboard preview SOURCE`: the same frame loop (show/loop.h)
// on a full-screen kiosk display or in a desktop window.
#include <SDL.h>
#include <SDL_image.h>

#include <atomic>
#include <csignal>
#include <cstdio>

#include "app/commands.h"
#include "platform/display.h"
#include "show/loop.h"
#include "text/cascade.h"

namespace nb::app {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

// Owns SDL's video subsystem for the lifetime of the command.
class SdlVideo {
public:
    SdlVideo() : ok_(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {}
    ~SdlVideo() {
        if (ok_) SDL_QuitSubSystem(SDL_INIT_VIDEO);
    }
    SdlVideo(const SdlVideo&) = delete;
    SdlVideo& operator=(const SdlVideo&) = delete;
    bool ok() const { return ok_; }

private:
    bool ok_;
};

int show_command(const Options& o, show::Mode mode) {
    if (o.source.rfind("http://", 0) == 0 || o.source.rfind("https://", 0) == 0) {
        std::fprintf(stderr, "newsboard: error: playing from a URL needs the sync module, not in this build yet\n");
        return kRuntime;
    }
    // Our handlers, not SDL's: SIGTERM and SIGINT set a flag the loop sees within a quarter second.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);

    SdlVideo video;
    if (!video.ok()) {
        std::fprintf(stderr, "newsboard: error: no display: %s\n", SDL_GetError());
        return kRuntime;
    }
    auto fonts = text::FontCascade::create(text::SystemFallback::Use);
    if (!fonts) {
        std::fprintf(stderr, "newsboard: error: %s\n", fonts.error().c_str());
        return kRuntime;
    }
    IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP);
    platform::DisplaySpec spec;
    spec.target = mode == show::Mode::Kiosk ? platform::Target::Kiosk : platform::Target::Window;
    spec.width = o.width;
    spec.height = o.height;
    spec.rotate_deg = o.rotate_deg;
    spec.title = mode == show::Mode::Kiosk ? "Newsboard" : "Newsboard preview — " + o.source;
    auto display = platform::Display::open(spec);
    if (!display) {
        std::fprintf(stderr, "newsboard: error: %s\n", display.error().c_str());
        return kRuntime;
    }
    show::LoopConfig config;
    config.mode = mode;
    config.source = o.source;
    config.width = o.width;
    config.height = o.height;
    config.board_id = o.board_id;
    config.status_file = o.status_file;
    const int code = show::run_loop(**display, *fonts, config, g_stop);
    IMG_Quit();
    return code;
}

}  // namespace

int play_command(const Options& o) { return show_command(o, show::Mode::Kiosk); }
int preview_command(const Options& o) { return show_command(o, show::Mode::Preview); }

}  // namespace nb::app
