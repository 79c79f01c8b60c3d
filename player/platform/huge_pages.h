// The large blocks of memory SDL allocates (a 1080p page texture or picture: 8 MiB) on
// transparent huge pages, and the window's framebuffer faulted in at once: what the first
// slide waits for is mostly the kernel handing out fresh memory page by page.
#pragma once

#include <SDL.h>

namespace nb::platform {

// SDL's allocator becomes the C library's with madvise(MADV_HUGEPAGE) on each new block of
// 2 MiB or more (they are mappings of their own: the player's mallopt sets the threshold at
// 1 MiB). Where the system's transparent huge pages are "madvise" (Debian's default), an
// 8 MiB texture is then faulted in as a few 2 MiB pages instead of 2,048 small ones: ~6 ms
// against ~24 ms on the side-by-side machine. Blocks from before the call are freed as
// before, since both are the C library's. Call before SDL starts its video.
void huge_pages_for_sdl_blocks();

// Faults in a software window framebuffer (X11's MIT-SHM segment, which huge pages do not
// cover) with one madvise(MADV_POPULATE_WRITE), before the first frame clears it: ~15 ms
// against ~34 ms for 8 MiB. Nothing where the kernel lacks it (before Linux 5.14).
void populate_window_surface(SDL_Window* window);

}  // namespace nb::platform
