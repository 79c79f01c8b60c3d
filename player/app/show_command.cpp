// `newsboard play SOURCE` and `newsboard preview SOURCE`: the same frame loop (show/loop.h)
// on a full-screen kiosk display or in a desktop window.
#include <SDL.h>
#include <SDL_image.h>
#include <malloc.h>
#include <pthread.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "app/cached_source.h"
#include "app/commands.h"
#include "app/display_wait.h"
#include "app/expiring_content.h"
#include "app/fleet_setup.h"
#include "app/local_content.h"
#include "app/source.h"
#include "app/synced_content.h"
#include "app/test_clock.h"
#include "app/test_faults.h"
#include "app/video_driver.h"
#include "core/file.h"
#include "core/guard.h"
#include "core/ids.h"
#include "core/startup_log.h"
#include "platform/display.h"
#include "platform/huge_pages.h"
#include "show/display_off.h"
#include "show/loop.h"
#include "show/status.h"
#include "show/waker.h"
#include "sync/clock_sync.h"
#include "text/cascade.h"

namespace nb::app {
namespace {

std::atomic<bool> g_stop{false};

// SIGTERM and SIGINT are blocked in every thread and taken by this one with sigwait(), which
// then wakes the sleeping frame loop (show/waker.h): the loop needs no polling to notice.
class SignalThread {
  public:
    SignalThread() {
        sigemptyset(&set_);
        sigaddset(&set_, SIGTERM);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGUSR1);  // our own: ends the thread when the command returns
        pthread_sigmask(SIG_BLOCK, &set_, nullptr);
        thread_ = std::thread([this] {
            run_guarded("the signal thread", [this] {
                int sig = 0;
                while (sigwait(&set_, &sig) == 0) {
                    if (sig == SIGUSR1 && done_.load()) return;
                    if (sig == SIGUSR1) continue;
                    g_stop.store(true);
                    show::wake_loop();
                }
            });
        });
    }
    ~SignalThread() {
        done_.store(true);
        pthread_kill(thread_.native_handle(), SIGUSR1);
        thread_.join();
    }
    SignalThread(const SignalThread&) = delete;
    SignalThread& operator=(const SignalThread&) = delete;

  private:
    sigset_t set_;
    std::atomic<bool> done_{false};
    std::thread thread_;
};

// Owns SDL's video subsystem for the lifetime of the command, on the driver the player chose
// (app/video_driver.h).
class SdlVideo {
  public:
    explicit SdlVideo(const VideoChoice& choice) : ok_(start_video(choice, g_stop)) {}
    ~SdlVideo() {
        if (ok_) SDL_QuitSubSystem(SDL_INIT_VIDEO);
    }
    SdlVideo(const SdlVideo&) = delete;
    SdlVideo& operator=(const SdlVideo&) = delete;
    bool ok() const { return ok_; }

  private:
    bool ok_;
};

// The --status file before the loop can write one: a fleet monitor sees why a board shows
// nothing yet (the TV is off) instead of no file at all. The loop's first status replaces it.
void write_waiting_status(const Options& o, const std::vector<std::string>& warnings, bool synced,
                          const std::string& why) {
    if (o.status_file.empty()) return;
    show::StatusInfo s;
    s.mode = "play";
    s.source = ids::hide_credentials(o.source);
    s.board_id = o.board_id;
    s.standby = true;
    s.last_error = why;
    s.warnings = warnings;
    if (synced) s.sync = show::SyncReport{};  // not tried yet: no time, no result
    if (auto st = file::write_atomic(o.status_file, show::status_json(s)); !st)
        std::fprintf(stderr, "newsboard: warning: %s: %s\n", o.status_file.c_str(), st.error().c_str());
}

int show_command(const Options& o, show::Mode mode) {
    // The board's settings come from its config file: what cannot work there is a located
    // warning (journal and status file) and the board plays without that part, never exit 2.
    std::vector<std::string> warnings = o.warnings;
    std::optional<sync::Config> sync;
    if (ids::is_http_url(o.source)) {
        // A URL from the cache without a key plays that edition only (trust_cached_source_only()).
        if (!o.source_lost && o.trusted_keys.empty() && o.trusted_key_lines_unread.empty() &&
            o.unsigned_content == Options::Unsigned::Refuse) {
            std::fprintf(stderr,
                         "newsboard: error: %s is a URL and no --trusted-key is given: a board takes only signed "
                         "content, or anyone who can change the server or the network puts their words on a public "
                         "screen; give the staff's public key (--trusted-key staff.pub), or --allow-unsigned for a "
                         "test or a closed network\n",
                         ids::hide_credentials(o.source).c_str());
            return kUsage;
        }
        // A board's config file names its keys; a person runs a preview.
        const UnreadableKey config_key = mode == show::Mode::Kiosk ? UnreadableKey::TrustNothing : UnreadableKey::Fail;
        auto keys = trusted_keys(o, config_key);
        if (!keys) {
            std::fprintf(stderr, "newsboard: error: %s\n", keys.error().c_str());
            return kUsage;
        }
        for (const auto& w : keys->warnings) std::fprintf(stderr, "%s\n", w.c_str());
        warnings.insert(warnings.end(), keys->warnings.begin(), keys->warnings.end());
        sync = sync_config(o, std::move(*keys));
        trust_cached_source_only(o, *sync);
        sync->state_dir = o.state_dir.empty() ? sync::default_state_dir() : o.state_dir;
    }
    // Before the display opens: a second player on this cache never covers the first's window.
    std::optional<file::Lock> cache_lock;
    if (sync) {
        auto lock = lock_cache(sync->cache_dir);
        if (!lock) {
            std::fprintf(stderr, "newsboard: error: %s\n", lock.error().c_str());
            return kRuntime;
        }
        cache_lock.emplace(std::move(*lock));
    }
    const std::size_t printed = warnings.size();  // the config file's by cli.cpp, the keys' above
    startup_log::mark("main");
    // Full-screen pictures and page textures (8 MiB each at 1080p) get mappings of their own
    // and go back to the system when freed. glibc would otherwise raise its mmap threshold
    // after the first such free and carve the next ones out of its heaps, which it keeps at
    // their highest point: 11 MiB more PSS after 20 s of the side-by-side slideshow, and a
    // peak RSS of 81 MiB against 71 MiB.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    // And those of SDL (textures, pictures) on huge pages: faulted in 4x faster (platform/huge_pages.h).
    platform::huge_pages_for_sdl_blocks();
    // Ours, not SDL's handlers: before SDL or the worker start threads, so all inherit the mask.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SignalThread signals;

    // A kiosk on KMSDRM: the card with a display, or a wait for one (app/display_wait.h).
    const bool headless = o.screen == Options::Screen::Headless;
    std::optional<platform::DrmOutputs> outputs;
    const VideoChoice choice = choose_video_driver();
    if (mode == show::Mode::Kiosk && !headless && kmsdrm_expected(choice)) {
        outputs = wait_for_display(g_stop, drm_sysfs_root(), [&o, &warnings, &sync](const std::string& why) {
            write_waiting_status(o, warnings, sync.has_value(), why);
        });
        if (!outputs) return kOk;  // stopped while waiting
        SDL_SetHint(SDL_HINT_KMSDRM_DEVICE_INDEX, std::to_string(*outputs->connected_card()).c_str());
    }
    // Without a session bus, SDL's video start (its screensaver inhibit and input-method probe)
    // has libdbus fork and exec dbus-launch to start one, which fails on a board and costs the
    // first slide a fork of the whole process. A bus that cannot exist fails at once instead;
    // a desktop session's own bus address is kept.
    if (mode == show::Mode::Kiosk) setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/newsboard/no-session-bus", 0);
    // On X11, SDL opens an input method, and libX11 then parses the locale's whole Compose table
    // (en_US.UTF-8: ~6,000 lines read a character at a time) for text input a kiosk never takes:
    // 10-20 ms of CPU before the first slide (load 10). An empty table instead (XCOMPOSEFILE is
    // libX11's documented override); one that someone set is kept.
    if (mode == show::Mode::Kiosk) setenv("XCOMPOSEFILE", "/dev/null", 0);
    // What the loop is told: before the display, since the stage below starts from it.
    show::LoopConfig config;
    config.mode = mode;
    config.width = o.width;
    config.height = o.height;
    config.board_id = o.board_id;
    config.status_file = o.status_file;
    config.motion = o.pictures == Options::Pictures::Still ? show::Motion::Still : show::Motion::Drift;
    config.pixels = headless ? show::Pixels::Skipped : show::Pixels::Drawn;
    if (mode == show::Mode::Kiosk && !o.display_off.ranges.empty()) {  // a preview always shows
        // Looked at each turn of the loop; the zone's rules (ICU) once a minute.
        config.display_off = [off = o.display_off, zone = show::host_time_zone(), minute = -1LL,
                              last = std::optional<std::string>()](TimePoint t) mutable {
            const long long m = std::chrono::duration_cast<std::chrono::minutes>(t.time_since_epoch()).count();
            if (m != minute) {
                auto local = to_local(t, zone);
                last = local ? off.off_until(*local) : std::nullopt;
                minute = m;
            }
            return last;
        };
    }
    config.clock_synchronised = sync::system_clock_synchronised;  // NTP has set it (show/schedule_clock.h)
    if (auto st = apply_test_faults(config); !st) {
        std::fprintf(stderr, "newsboard: error: %s\n", st.error().c_str());
        return kUsage;
    }
    if (auto st = apply_test_clock(config); !st) {
        std::fprintf(stderr, "newsboard: error: %s\n", st.error().c_str());
        return kUsage;
    }
    auto fonts = text::FontCascade::create(text::SystemFallback::Use);
    if (!fonts) {
        std::fprintf(stderr, "newsboard: error: %s\n", fonts.error().c_str());
        return kRuntime;
    }
    startup_log::mark("fonts");
    IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP);
    platform::DisplaySpec spec;
    spec.target = headless                   ? platform::Target::Headless
                  : mode == show::Mode::Kiosk ? platform::Target::Kiosk
                                              : platform::Target::Window;
    spec.width = o.width;
    spec.height = o.height;
    spec.rotate_deg = o.rotate_deg;
    // A window title is on screen, in task bars and screen shares: the URL without its password.
    spec.title = mode == show::Mode::Kiosk ? "Newsboard" : "Newsboard preview — " + ids::hide_credentials(o.source);
    // Declared before the content: the sync thread stops (the content goes) before SDL does.
    std::optional<SdlVideo> video;
    std::unique_ptr<platform::Display> display;
    std::unique_ptr<show::ContentSource> content;
    std::function<void(sync::Awaited)> sync_now;
    if (sync) {
        auto synced = start_synced_content(std::move(*sync), std::move(*cache_lock), &sync_now);
        if (!synced) {
            std::fprintf(stderr, "newsboard: error: %s\n", synced.error().c_str());
            return kRuntime;
        }
        content = std::move(*synced);
    } else {
        // On a board, a local playlist file has the crash-loop quarantine a URL has.
        content = mode == show::Mode::Kiosk ? local_content(o.source, local_state_dir(o)) : show::file_source(o.source);
    }
    // A file's edition leaves the screen at its "expires" as a URL's does, in a preview too.
    content = expiring(std::move(content));
    // The first playlist loaded and its first page under way on the worker (show/stage.h),
    // while SDL's video starts and the window is made below.
    auto stage = show::make_stage(*fonts, *content, config, platform::likely_max_texture(spec, choice.driver));
    if (!stage) return kRuntime;
    // Headless: SDL's software renderer on a surface, no video driver and no window.
    if (!headless) video.emplace(choice);
    if (video && !video->ok()) {
        if (g_stop.load()) return kOk;  // stopped while waiting for the display server
        std::fprintf(stderr, "newsboard: error: no display on %s (%s): %s\n", choice.driver.c_str(), choice.why.c_str(),
                     SDL_GetError());
        return kRuntime;
    }
    startup_log::mark("SDL video");
    auto opened = platform::Display::open(spec);
    if (!opened) {
        std::fprintf(stderr, "newsboard: error: %s\n", opened.error().c_str());
        return kRuntime;
    }
    display = std::move(*opened);
    stage->opened(display->max_texture());
    startup_log::mark("window and renderer");
    const Options fo = fleet_options(o, warnings);
    auto without = [&warnings](const std::string& why, const char* part) {
        warnings.push_back("warning: " + why + "; the board plays without " + part);
    };
    // After the content, so it stops first: it asks the sync for what it holds.
    // Before the fleet, so they stop after it: it hands them the desk's requests.
    PageCamera camera(*fonts, *content, o.width, o.height, o.rotate_deg);
    auto screenshots = start_screenshots(fo, camera);
    if (!screenshots) {
        without(screenshots.error(), "screenshots");
        screenshots = std::unique_ptr<fleet::Screenshots>();
    }
    auto fleet = start_fleet(fo, *content, sync_now, screenshots->get());
    if (!fleet) {
        without(fleet.error(), "the fleet (no status on the broker, no doorbell)");
        fleet = std::unique_ptr<fleet::Fleet>();
    }
    auto plays = start_proof_of_play(fo);
    if (!plays) {
        without(plays.error(), "proof of play");
        plays = std::unique_ptr<fleet::ProofOfPlay>();
    }
    for (std::size_t i = printed; i < warnings.size(); ++i)
        std::fprintf(stderr, "newsboard: %s\n", warnings[i].c_str());
    config.warnings = std::move(warnings);
    FleetObserver observer(fleet->get(), plays->get(), *screenshots ? &camera : nullptr);
    if (*fleet || *plays) config.observer = &observer;
    std::optional<DisplayMonitor> monitor;
    if (outputs) monitor.emplace(*outputs, g_stop, drm_sysfs_root());
    int code = show::run_loop(*display, *fonts, *content, config, std::move(stage), g_stop);
    if (monitor && monitor->change()) {
        // Exit 3: the unit restarts the player, which opens the new display at its own mode.
        std::fprintf(stderr, "newsboard: the display changed (%s): restarting\n", monitor->change()->c_str());
        code = kRuntime;
    }
    monitor.reset();  // its thread reads sysfs; done before SDL goes
    fleet->reset();   // "offline" on the broker before the process ends
    screenshots->reset();
    plays->reset();   // the page on screen ends: its play is written
    IMG_Quit();
    return code;
}

}  // namespace

int config_unreadable_command(const Options& o) {
    const std::string why = "--config: " + *o.config_unreadable;
    if (o.command != Command::Play) {
        std::fprintf(stderr, "newsboard: error: %s\n", why.c_str());
        return kUsage;
    }
    std::fprintf(stderr, "newsboard: error: %s; exiting (3) for the service to start the board again\n", why.c_str());
    write_waiting_status(o, o.warnings, false, why);
    return kRuntime;
}

int play_command(const Options& o) {
    return show_command(o, show::Mode::Kiosk);
}
int preview_command(const Options& o) {
    return show_command(o, show::Mode::Preview);
}

}  // namespace nb::app
