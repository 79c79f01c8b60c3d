#include "show/watch.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/guard.h"

namespace nb::show {

Watcher::Watcher(std::function<void()> changed, std::string ignore_prefix)
    : changed_(std::move(changed)), ignore_prefix_(std::move(ignore_prefix)) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (fd_ >= 0 && stop_fd_ >= 0)
        thread_ = std::thread([this] { run_guarded("the file watcher", [this] { run(); }); });
}

Watcher::~Watcher() {
    if (thread_.joinable()) {
        const std::uint64_t one = 1;
        (void)!write(stop_fd_, &one, sizeof one);
        thread_.join();
    }
    if (fd_ >= 0) close(fd_);
    if (stop_fd_ >= 0) close(stop_fd_);
}

void Watcher::watch(const std::vector<std::string>& folders) {
    // The same folders after a reload: keep the watches. (Each removal also queues an
    // IN_IGNORED event, which must not read as a change.)
    if (fd_ < 0 || folders == folders_) return;
    folders_ = folders;
    for (int w : watches_) inotify_rm_watch(fd_, w);
    watches_.clear();
    // Editors save by writing in place or by renaming a new file over the old one.
    const std::uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MODIFY;
    for (const auto& folder : folders) {
        const int w = inotify_add_watch(fd_, folder.c_str(), mask);
        if (w >= 0) watches_.push_back(w);
    }
}

void Watcher::run() {
    alignas(struct inotify_event) char buf[4096];
    for (;;) {
        pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            // Anything else will fail again at once: stop watching rather than spin (the
            // preview then reloads on R only).
            std::fprintf(stderr, "newsboard: warning: watching for changes stopped: %s\n", std::strerror(errno));
            return;
        }
        if (fds[1].revents) return;
        bool any = false;
        ssize_t n = 0;
        while ((n = read(fd_, buf, sizeof buf)) > 0) {
            for (ssize_t at = 0; at < n;) {
                const auto* ev = reinterpret_cast<const struct inotify_event*>(buf + at);
                const std::string name = ev->len ? ev->name : "";
                // IN_IGNORED follows a removed watch: ours, at a reload. Reading it as a change
                // reloaded the preview again and again, and a key's slide never got ready.
                const bool ours = (ev->mask & IN_IGNORED) != 0;
                if (!ours && (ignore_prefix_.empty() || name.rfind(ignore_prefix_, 0) != 0)) any = true;
                at += static_cast<ssize_t>(sizeof(struct inotify_event) + ev->len);
            }
        }
        if (any && changed_) changed_();
    }
}

}  // namespace nb::show
