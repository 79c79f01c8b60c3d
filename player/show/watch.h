// Live reload for preview: inotify on the playlist's folder and its media folders. A thread
// waits on the inotify descriptor and calls `changed` (which wakes the frame loop); nothing
// else is shared.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace nb::show {

class Watcher {
  public:
    // Files whose name starts with `ignore_prefix` (our own status file) are not changes.
    Watcher(std::function<void()> changed, std::string ignore_prefix);
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    // Replaces the watched folders (a reload may name new media folders).
    void watch(const std::vector<std::string>& folders);
    bool ok() const { return fd_ >= 0; }

  private:
    void run();
    int fd_ = -1;
    int stop_fd_ = -1;  // an eventfd that ends the thread
    std::vector<int> watches_;
    std::vector<std::string> folders_;  // what watches_ watch
    std::function<void()> changed_;
    std::string ignore_prefix_;
    std::thread thread_;
};

}  // namespace nb::show
