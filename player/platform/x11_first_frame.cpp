#include "platform/x11_first_frame.h"

#include <SDL_syswm.h>  // Xlib's types and declarations; its functions come from SDL's copy

#include <algorithm>

#include "platform/sdl_xlib.h"

namespace nb::platform {

namespace {

// 1920 x 32 x 4 bytes = 240 KiB a request: large enough that the requests' own overhead is
// nothing, small enough that the server's request buffer is a few dozen pages it keeps.
constexpr int kStripRows = 32;

}  // namespace

bool put_frame_over_socket(SDL_Window* window) {
    SDL_Surface* surface = window ? SDL_GetWindowSurface(window) : nullptr;
    if (!surface || !surface->pixels || surface->format->BytesPerPixel != 4) return false;
    const auto x11 = SdlXlib::window_of(window);
    if (!x11) return false;
    auto attributes_of = x11->xlib.function<decltype(&XGetWindowAttributes)>("XGetWindowAttributes");
    auto create_image = x11->xlib.function<decltype(&XCreateImage)>("XCreateImage");
    auto create_gc = x11->xlib.function<decltype(&XCreateGC)>("XCreateGC");
    auto put_image = x11->xlib.function<decltype(&XPutImage)>("XPutImage");
    auto free_gc = x11->xlib.function<decltype(&XFreeGC)>("XFreeGC");
    auto free = x11->xlib.function<decltype(&XFree)>("XFree");
    auto flush = x11->xlib.function<decltype(&XFlush)>("XFlush");
    auto grab = x11->xlib.function<decltype(&XGrabServer)>("XGrabServer");
    auto ungrab = x11->xlib.function<decltype(&XUngrabServer)>("XUngrabServer");
    if (!attributes_of || !create_image || !create_gc || !put_image || !free_gc || !free || !flush || !grab ||
        !ungrab)
        return false;
    Display* display = x11->display;
    XWindowAttributes attributes{};
    if (!attributes_of(display, x11->window, &attributes) || attributes.depth < 24) return false;
    // The image describes the surface's memory as SDL's own framebuffer image does (the
    // window's visual and depth, 32 bits a pixel, the surface's pitch); it does not own it.
    XImage* image = create_image(display, attributes.visual, static_cast<unsigned>(attributes.depth), ZPixmap, 0,
                                 static_cast<char*>(surface->pixels), static_cast<unsigned>(surface->w),
                                 static_cast<unsigned>(surface->h), 32, surface->pitch);
    if (!image) return false;
    const bool fits = image->bits_per_pixel == 32;
    GC gc = fits ? create_gc(display, x11->window, 0, nullptr) : nullptr;
    if (gc) {
        // The strips are one frame: with the server grabbed, no other client (a compositor, a
        // screenshot, the side-by-side harness's poller) is served between two of them, so none
        // sees the slide's top over the black window. The grab lasts as long as the server takes
        // to copy ~8 MiB, and ends with the connection if the player dies inside it.
        grab(display);
        for (int y = 0; y < surface->h; y += kStripRows) {
            const int rows = std::min(kStripRows, surface->h - y);
            put_image(display, x11->window, gc, image, 0, y, 0, y, static_cast<unsigned>(surface->w),
                      static_cast<unsigned>(rows));
        }
        ungrab(display);
        free_gc(display, gc);
        flush(display);
    }
    free(image);  // the struct only: XDestroyImage would free the surface's pixels
    return gc != nullptr;
}

}  // namespace nb::platform
