#include "app/display_wait.h"

#include <systemd/sd-daemon.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/guard.h"
#include "show/waker.h"

namespace nb::app {

std::string drm_sysfs_root() {
    const char* root = std::getenv("NEWSBOARD_DRM_SYSFS");
    return root && *root ? root : "/sys/class/drm";
}

bool kmsdrm_expected(const VideoChoice& choice) {
    return strcasestr(choice.driver.c_str(), "kmsdrm") != nullptr;
}

std::optional<platform::DrmOutputs> wait_for_display(const std::atomic<bool>& stop, const std::string& sysfs_root,
                                                     const std::function<void(const std::string&)>& on_wait) {
    bool waited = false;
    while (!stop.load()) {
        auto outputs = platform::scan_drm_outputs(sysfs_root);
        if (outputs.connected_card()) {
            if (waited) std::fprintf(stderr, "newsboard: a display is connected: %s\n", outputs.describe().c_str());
            return outputs;
        }
        if (!waited) {
            const std::string why = "waiting for a display: " + outputs.describe();
            std::fprintf(stderr, "newsboard: %s\n", why.c_str());
            sd_notify(0, ("STATUS=" + why).c_str());
            if (on_wait) on_wait(why);
            waited = true;
        }
        // Not READY yet, so systemd's start timeout runs, not the watchdog: push it on while
        // waiting is what we mean to do. The service still stops at once (SIGTERM wakes us).
        sd_notify(0, "EXTEND_TIMEOUT_USEC=10000000");
        // sysfs sends no inotify events for a connector's status; a read a second is a few
        // small files, and a TV switched on shows within a second.
        show::sleep_until_woken(std::chrono::seconds(1));
    }
    return std::nullopt;
}

DisplayMonitor::DisplayMonitor(platform::DrmOutputs at_start, std::atomic<bool>& stop, std::string sysfs_root,
                               std::chrono::milliseconds every) {
    thread_ = std::thread([this, &stop, before = std::move(at_start), root = std::move(sysfs_root), every] {
        run_guarded("the display monitor", [&] {
            std::unique_lock<std::mutex> lock(mutex_);
            while (!cv_.wait_for(lock, every, [this] { return done_; })) {
                lock.unlock();
                const auto now = platform::scan_drm_outputs(root);
                lock.lock();
                if (now.fingerprint() == before.fingerprint()) continue;
                change_ = before.describe() + " → " + now.describe();
                stop.store(true);
                show::wake_loop();
                return;
            }
        });
    });
}

DisplayMonitor::~DisplayMonitor() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        done_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

std::optional<std::string> DisplayMonitor::change() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return change_;
}

}  // namespace nb::app
