// What keeps a crossfade cheap on a software renderer, without changing a pixel: a clear
// rectangle draws nothing, an opaque one replaces, a translucent one blends; and the frame
// rate a fade gets from each kind of renderer.
#include <catch2/catch.hpp>

#include "render/pacing.h"
#include "render/scene.h"
#include "render/surface.h"

using namespace nb;
using namespace nb::render;

namespace {

std::uint32_t pixel(SDL_Surface* s, int x, int y) {
    return static_cast<const std::uint32_t*>(s->pixels)[y * (s->pitch / 4) + x];
}

}  // namespace

TEST_CASE("clear, opaque and translucent fills give the pixels of a blend", "[pacing]") {
    SurfacePtr target = make_surface(8, 4);
    REQUIRE(target);
    RendererPtr r(SDL_CreateSoftwareRenderer(target.get()));
    REQUIRE(r);
    SDL_SetRenderDrawBlendMode(r.get(), SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r.get(), 0x20, 0x40, 0x60, 0xFF);
    SDL_RenderClear(r.get());

    Scene scene;
    scene.width = 8;
    scene.height = 4;
    scene.background = {0, 0, 0, 0};                // clear: what is under it stays
    scene.fill({0, 0, 4, 4}, {0xC8, 0x10, 0x2E, 255});  // opaque: replaces
    scene.fill({4, 0, 4, 4}, {0, 0, 0, 128});        // translucent: halves
    draw(r.get(), scene, {0, 0, 8, 4});
    SDL_RenderPresent(r.get());

    CHECK((pixel(target.get(), 1, 1) & 0xFFFFFF) == 0xC8102E);
    CHECK((pixel(target.get(), 1, 1) >> 24) == 0xFF);
    const std::uint32_t half = pixel(target.get(), 6, 2);
    CHECK(((half >> 16) & 0xFF) == Approx(0x10).margin(1));
    CHECK(((half >> 8) & 0xFF) == Approx(0x20).margin(1));
    CHECK((half & 0xFF) == Approx(0x30).margin(1));

    SECTION("a whole scene faded to nothing leaves the page under it") {
        draw(r.get(), scene, {0, 0, 8, 4}, 0);
        SDL_RenderPresent(r.get());
        CHECK((pixel(target.get(), 1, 1) & 0xFFFFFF) == 0xC8102E);
        CHECK(pixel(target.get(), 6, 2) == half);
    }
}

TEST_CASE("a crossfade on the software renderer runs at 25 frames a second, elsewhere at the display's", "[pacing]") {
    using std::chrono::milliseconds;
    CHECK(frame_interval("software", Motion::Fade) == milliseconds(40));
    CHECK(frame_interval("software", Motion::Other) == milliseconds(16));
    CHECK(frame_interval("opengl", Motion::Fade) == milliseconds(16));
    CHECK(frame_interval("opengles2", Motion::Fade) == milliseconds(16));
    CHECK(frame_interval(nullptr, Motion::Fade) == milliseconds(16));
}
