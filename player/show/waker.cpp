#include "show/waker.h"

#include <SDL.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>

namespace nb::show {
namespace {

// One for the process: the loop is one, and the signal thread must reach it without a handle.
// Never closed; it lives as long as the process.
int wake_fd() {
    static const int fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    return fd;
}

std::uint32_t wake_event_type() {
    static const std::uint32_t type = SDL_RegisterEvents(1);
    return type;
}

}  // namespace

void wake_loop() {
    SDL_Event e{};
    e.type = wake_event_type();
    SDL_PushEvent(&e);
    const std::uint64_t one = 1;
    if (wake_fd() >= 0) (void)!::write(wake_fd(), &one, sizeof one);
}

void sleep_until_woken(std::chrono::milliseconds timeout) {
    const int fd = wake_fd();
    if (fd < 0) {
        SDL_Delay(static_cast<std::uint32_t>(timeout.count()));  // no eventfd: a plain sleep
        return;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) > 0) {
        std::uint64_t count = 0;
        (void)!::read(fd, &count, sizeof count);  // resets the counter
    }
}

bool sdl_wait_sleeps(const char* video_driver) {
    if (!video_driver) return false;
    for (const char* d : {"x11", "wayland", "windows", "cocoa"})
        if (std::strcmp(video_driver, d) == 0) return true;
    return false;
}

}  // namespace nb::show
