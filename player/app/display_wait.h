// The kiosk's display on KMSDRM, around SDL rather than through it: before SDL's video starts,
// choose the DRM card with a connected display (SDL 2.26 takes the first card it finds) and,
// with none connected (the TV is off at boot; under QEMU virtio_gpu appears 38-60 s after boot),
// wait for one instead of failing and being restarted in a loop. While playing, a change of
// the connectors (HDMI replugged, another TV) ends the player, so the service starts it again
// at the new display's mode: SDL 2.26 keeps the mode it found at start.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/video_driver.h"
#include "platform/drm_outputs.h"

namespace nb::app {

// /sys/class/drm, or a test's fake tree: NEWSBOARD_DRM_SYSFS=DIR, a test hook like those of
// app/test_clock.h (tests/cli/test_display_wait.py). Boards never set it.
std::string drm_sysfs_root();

// True when the chosen video driver (app/video_driver.h) is KMSDRM.
bool kmsdrm_expected(const VideoChoice& choice);

// Re-reads `sysfs_root` until a connector is connected (the first read included) and returns
// what it saw then; nothing when `stop` is set first (SIGTERM wakes it through
// show::wake_loop()). Logs once when it has to wait, and again when a display comes; calls
// `on_wait` once with the reason ("waiting for a display: card0-HDMI-A-1 disconnected").
std::optional<platform::DrmOutputs> wait_for_display(const std::atomic<bool>& stop,
                                                     const std::string& sysfs_root = "/sys/class/drm",
                                                     const std::function<void(const std::string&)>& on_wait = {});

// Watches the connectors from a thread of its own while the loop plays. On a change it keeps a
// message, sets `stop` and wakes the loop.
class DisplayMonitor {
  public:
    DisplayMonitor(platform::DrmOutputs at_start, std::atomic<bool>& stop, std::string sysfs_root = "/sys/class/drm",
                   std::chrono::milliseconds every = std::chrono::seconds(2));
    ~DisplayMonitor();
    DisplayMonitor(const DisplayMonitor&) = delete;
    DisplayMonitor& operator=(const DisplayMonitor&) = delete;

    // What changed ("card0-HDMI-A-1 connected → card0-HDMI-A-1 disconnected"), once it did.
    std::optional<std::string> change() const;

  private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool done_ = false;
    std::optional<std::string> change_;
    std::thread thread_;
};

}  // namespace nb::app
