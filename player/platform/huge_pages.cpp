#include "platform/huge_pages.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace nb::platform {
namespace {

constexpr std::size_t kHuge = std::size_t{2} << 20;

// The whole pages inside [p, p + n).
void advise(void* p, std::size_t n, int advice) {
    if (!p) return;
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(p) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(p) + n) & ~(page - 1);
    if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, advice);
}

void* huge_malloc(std::size_t n) {
    void* p = std::malloc(n);
    if (n >= kHuge) advise(p, n, MADV_HUGEPAGE);
    return p;
}

void* huge_calloc(std::size_t count, std::size_t size) {
    void* p = std::calloc(count, size);
    // calloc does not write a fresh mapping (it is zero already): nothing is faulted in yet.
    if (size != 0 && count >= kHuge / size) advise(p, count * size, MADV_HUGEPAGE);
    return p;
}

void* plain_realloc(void* p, std::size_t n) {
    return std::realloc(p, n);
}

void plain_free(void* p) {
    std::free(p);
}

}  // namespace

void huge_pages_for_sdl_blocks() {
    SDL_SetMemoryFunctions(huge_malloc, huge_calloc, plain_realloc, plain_free);
}

void populate_window_surface(SDL_Window* window) {
#ifdef MADV_POPULATE_WRITE
    SDL_Surface* s = window ? SDL_GetWindowSurface(window) : nullptr;
    if (s && s->pixels) advise(s->pixels, static_cast<std::size_t>(s->pitch) * static_cast<std::size_t>(s->h), MADV_POPULATE_WRITE);
#else
    (void)window;
#endif
}

}  // namespace nb::platform
