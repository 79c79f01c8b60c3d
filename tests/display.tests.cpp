// The display's realities on a board: which DRM card has a panel (fake sysfs trees in a temp
// folder, as /sys/class/drm looks on a Pi 4 and under QEMU), waiting for one, noticing a
// replug, and the display-off hours in the board's time zone (ICU, DST included).
#include <sys/mman.h>

#include <catch2/catch.hpp>

#include <SDL.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>

#include "app/display_wait.h"
#include "app/options.h"
#include "app/video_driver.h"
#include "platform/drm_outputs.h"
#include "platform/huge_pages.h"
#include "show/display_off.h"
#include "show/waker.h"
#include "vm_flags.h"
#include "web_servers.h"

using namespace nb;
using nbtest::vm_flags_at;
using nbtest::write_file;

namespace {

// One connector of a fake /sys/class/drm: cardN-NAME/status.
void connector(const std::string& root, const std::string& entry, const std::string& status) {
    write_file(root + "/" + entry + "/status", status + "\n");
}

// A Pi 4 with the panel on the second HDMI port of card1, and card0 a writeback-only v3d card.
void pi4_tree(const std::string& root) {
    connector(root, "card0-Writeback-1", "connected");  // no display behind a writeback
    connector(root, "card1-HDMI-A-1", "disconnected");
    connector(root, "card1-HDMI-A-2", "connected");
    connector(root, "card1-Writeback-1", "connected");
    write_file(root + "/card1/dev", "226:1\n");  // the card itself, not a connector
    write_file(root + "/renderD128/dev", "226:128\n");
    write_file(root + "/version", "drm 1.1.0 20060810\n");
}

LocalTime local(const std::string& rfc3339, const std::string& zone) {
    auto t = parse_timestamp(rfc3339);
    REQUIRE(t);
    auto l = to_local(*t, zone);
    REQUIRE(l);
    return *l;
}

LocalTime clock_at(int hour, int minute) {
    LocalTime l;
    l.hour = hour;
    l.minute = minute;
    return l;
}

}  // namespace

TEST_CASE("the card with a connected display is chosen; writeback connectors are no display", "[display]") {
    const nbtest::TempDir sys("nbdrm-");
    pi4_tree(sys.path());
    const auto outputs = platform::scan_drm_outputs(sys.path());
    REQUIRE(outputs.connectors.size() == 2);
    CHECK(outputs.connected_card() == 1);
    CHECK(outputs.fingerprint() == "card1-HDMI-A-1=disconnected card1-HDMI-A-2=connected");
    CHECK(outputs.describe() == "card1-HDMI-A-1 disconnected, card1-HDMI-A-2 connected");
}

TEST_CASE("with no display connected, or no DRM driver yet, there is no card to choose", "[display]") {
    const nbtest::TempDir sys("nbdrm-");
    CHECK_FALSE(platform::scan_drm_outputs(sys.path() + "/missing").connected_card());
    const auto empty = platform::scan_drm_outputs(sys.path());
    CHECK_FALSE(empty.connected_card());
    CHECK_THAT(empty.describe(), Catch::Contains("no DRM connectors"));
    connector(sys.path(), "card0-Writeback-1", "connected");
    connector(sys.path(), "card0-HDMI-A-1", "disconnected");
    connector(sys.path(), "card0-Virtual-1", "unknown");
    const auto off = platform::scan_drm_outputs(sys.path());
    CHECK_FALSE(off.connected_card());
    CHECK(off.describe() == "card0-HDMI-A-1 disconnected, card0-Virtual-1 unknown");
}

TEST_CASE("the kiosk waits for a display, and SIGTERM ends the wait", "[display]") {
    const nbtest::TempDir sys("nbdrm-");
    connector(sys.path(), "card0-HDMI-A-1", "disconnected");
    std::atomic<bool> stop{false};

    // The TV is switched on while the player waits: it goes on at once with that card.
    const auto start = std::chrono::steady_clock::now();
    std::thread tv([&] {
        connector(sys.path(), "card0-HDMI-A-1", "connected");
        show::wake_loop();
    });
    const auto seen = app::wait_for_display(stop, sys.path());
    tv.join();
    REQUIRE(seen);
    CHECK(seen->connected_card() == 0);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));

    // No display ever: a stop (what the signal thread does on SIGTERM) ends the wait promptly.
    connector(sys.path(), "card0-HDMI-A-1", "disconnected");
    const auto asked = std::chrono::steady_clock::now();
    std::thread term([&] {
        stop.store(true);
        show::wake_loop();
    });
    CHECK_FALSE(app::wait_for_display(stop, sys.path()));
    term.join();
    CHECK(std::chrono::steady_clock::now() - asked < std::chrono::seconds(2));
}

TEST_CASE("a replugged display stops the player, an unchanged one does not", "[display]") {
    const nbtest::TempDir sys("nbdrm-");
    pi4_tree(sys.path());
    std::atomic<bool> stop{false};
    app::DisplayMonitor monitor(platform::scan_drm_outputs(sys.path()), stop, sys.path(), std::chrono::milliseconds(20));
    CHECK_FALSE(monitor.change());

    // The panel moves from HDMI-A-2 to HDMI-A-1.
    connector(sys.path(), "card1-HDMI-A-2", "disconnected");
    connector(sys.path(), "card1-HDMI-A-1", "connected");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!stop.load() && std::chrono::steady_clock::now() < deadline)
        show::sleep_until_woken(std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now()));
    REQUIRE(stop.load());
    REQUIRE(monitor.change());
    CHECK(*monitor.change() == "card1-HDMI-A-1 disconnected, card1-HDMI-A-2 connected → "
                               "card1-HDMI-A-1 connected, card1-HDMI-A-2 disconnected");
}

TEST_CASE("display-off ranges parse, and bad ones say what is wrong", "[display]") {
    auto night = show::parse_display_off("23:00-06:00");
    REQUIRE(night);
    REQUIRE(night->ranges.size() == 1);
    CHECK(night->ranges[0].from == 23 * 60);
    CHECK(night->ranges[0].until == 6 * 60);
    auto two = show::parse_display_off(" 23:00-06:00 , 12:30 - 13:00");
    REQUIRE(two);
    CHECK(two->ranges.size() == 2);
    auto none = show::parse_display_off("");
    REQUIRE(none);
    CHECK(none->ranges.empty());
    for (const char* bad : {"23:00", "25:00-06:00", "23:00-6:00", "23:00-06:00,", "23:60-06:00", "night"}) {
        auto r = show::parse_display_off(bad);
        INFO(bad);
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error(), Catch::Contains("HH:MM-HH:MM"));
    }
    auto empty = show::parse_display_off("06:00-06:00");
    REQUIRE_FALSE(empty);
    CHECK_THAT(empty.error(), Catch::Contains("empty"));
}

TEST_CASE("display-off: across midnight, several ranges, and ranges that meet", "[display]") {
    auto off = show::parse_display_off("23:00-06:00, 12:30-13:00");
    REQUIRE(off);
    CHECK(off->off_until(clock_at(23, 0)) == "06:00");
    CHECK(off->off_until(clock_at(0, 0)) == "06:00");
    CHECK(off->off_until(clock_at(5, 59)) == "06:00");
    CHECK_FALSE(off->off_until(clock_at(6, 0)));
    CHECK_FALSE(off->off_until(clock_at(22, 59)));
    CHECK(off->off_until(clock_at(12, 45)) == "13:00");
    CHECK_FALSE(off->off_until(clock_at(13, 0)));

    auto chained = show::parse_display_off("22:00-01:00, 00:30-06:00");
    REQUIRE(chained);
    CHECK(chained->off_until(clock_at(22, 15)) == "06:00");
    CHECK(chained->off_until(clock_at(1, 30)) == "06:00");
    auto always = show::parse_display_off("00:00-12:00, 12:00-00:00");
    REQUIRE(always);
    CHECK(always->off_until(clock_at(3, 0)));  // a whole day dark ends, not loops
}

TEST_CASE("display-off follows the board's clock through DST changes (ICU)", "[display]") {
    auto off = show::parse_display_off("02:00-03:30");
    REQUIRE(off);
    // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST.
    CHECK_FALSE(off->off_until(local("2026-03-29T00:30:00Z", "Europe/Berlin")));          // 01:30 CET
    CHECK(off->off_until(local("2026-03-29T01:10:00Z", "Europe/Berlin")) == "03:30");     // 03:10 CEST
    CHECK_FALSE(off->off_until(local("2026-03-29T01:30:00Z", "Europe/Berlin")));          // 03:30 CEST
    // 2026-10-25: 03:00 CEST becomes 02:00 CET, so 02:00-03:00 happens twice, dark both times.
    CHECK(off->off_until(local("2026-10-25T00:30:00Z", "Europe/Berlin")) == "03:30");     // 02:30 CEST
    CHECK(off->off_until(local("2026-10-25T01:30:00Z", "Europe/Berlin")) == "03:30");     // 02:30 CET
    // Shanghai has no DST: 23:00-06:00 is the same hours all year.
    auto night = show::parse_display_off("23:00-06:00");
    REQUIRE(night);
    CHECK(night->off_until(local("2026-07-01T15:30:00Z", "Asia/Shanghai")) == "06:00");  // 23:30
    CHECK_FALSE(night->off_until(local("2026-07-01T14:30:00Z", "Asia/Shanghai")));       // 22:30
}

TEST_CASE("display-off is set on the command line or in the board's config file", "[display]") {
    const char* argv[] = {"play", "p.json", "--display-off", "23:00-06:00"};
    auto o = app::parse_command_line(4, argv);
    REQUIRE(o.ok());
    REQUIRE(o->display_off.ranges.size() == 1);
    CHECK(o->display_off.off_until(clock_at(2, 0)) == "06:00");

    const nbtest::TempDir dir("nbconf-");
    const std::string conf = dir.path() + "/newsboard.conf";
    write_file(conf, "source = p.json\ndisplay-off = 23:00-06:00, 12:30-13:00\n");
    const char* with_config[] = {"play", "--config", conf.c_str()};
    auto c = app::parse_command_line(3, with_config);
    REQUIRE(c.ok());
    CHECK(c->display_off.ranges.size() == 2);

    write_file(conf, "source = p.json\ndisplay-off = 23:00 to 06:00\n");
    auto bad = app::parse_command_line(3, with_config);
    REQUIRE(bad.ok());  // a typo in the board's config: a warning, and the panel stays on
    CHECK(bad->display_off.ranges.empty());
    REQUIRE(bad->warnings.size() == 1);
    CHECK_THAT(bad->warnings[0], Catch::Contains(conf + ":2:1: warning: display-off takes HH:MM-HH:MM"));
}

TEST_CASE("the player chooses its video driver; SDL never falls back to one that shows nothing", "[display]") {
    // An operator's SDL_VIDEODRIVER wins over everything.
    CHECK(app::choose_video_driver("offscreen", ":0", "wayland-0").driver == "offscreen");
    // X11 before Wayland (XWayland desktops have both), as SDL 2.26 itself prefers.
    const auto x11 = app::choose_video_driver(nullptr, ":7", "wayland-0");
    CHECK(x11.driver == "x11");
    CHECK(x11.why == "DISPLAY=:7");
    CHECK(app::choose_video_driver("", "", "wayland-1").driver == "wayland");
    // A board: no display server at all means its console.
    const auto console = app::choose_video_driver(nullptr, nullptr, nullptr);
    CHECK(console.driver == "kmsdrm");
    CHECK(app::kmsdrm_expected(console));
    CHECK(app::kmsdrm_expected(app::choose_video_driver("KMSDRM", ":0", nullptr)));
    CHECK_FALSE(app::kmsdrm_expected(x11));
}

TEST_CASE("SDL's blocks of 2 MiB or more are asked for on huge pages, and free as before", "[display]") {
    platform::huge_pages_for_sdl_blocks();
    const std::size_t big_size = std::size_t{8} << 20;
    auto* big = static_cast<unsigned char*>(SDL_calloc(1, big_size));
    auto* picture = static_cast<unsigned char*>(SDL_malloc(big_size));
    void* small = SDL_malloc(64 << 10);
    REQUIRE(big);
    REQUIRE(picture);
    REQUIRE(small);
    CHECK(big[0] == 0);
    CHECK(big[big_size - 1] == 0);
    if (nbtest::advice_shows(MADV_HUGEPAGE, "hg")) {
        CHECK(vm_flags_at(big + (1 << 20)).find(" hg ") != std::string::npos);
        CHECK(vm_flags_at(picture + (1 << 20)).find(" hg ") != std::string::npos);
        CHECK(vm_flags_at(small).find(" hg ") == std::string::npos);
    } else {
        WARN("this system does not show huge-page advice in /proc/self/smaps: only the blocks' use is checked");
    }
    SDL_free(big);
    SDL_free(picture);
    SDL_free(small);
}
