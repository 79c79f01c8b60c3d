// Pages drawn once into textures of the viewport's size, kept by what they show. A transition
// then blends two textures that are already there, and the page that comes next is drawn while
// the slide before it stands, not in the transition's first frame (which took 84-310 ms under
// Xvfb when both pages were drawn there).
#pragma once

#include <SDL.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>

#include "render/texture_cache.h"

namespace nb::show {

class PageTextures {
  public:
    // Where a page's pixels live. RenderTarget: a texture the renderer draws into (a GPU's).
    // Pixels: a streaming texture drawn through a software renderer of its own over the locked
    // pixels (render/texture_pixels.h), so the crossfade and the copy can work on them with
    // render/pixel_rows.h instead of SDL's slow blitters (the software renderer's).
    enum class Backing { RenderTarget, Pixels };
    explicit PageTextures(Backing backing = Backing::RenderTarget) : backing_(backing) {}

    // What a texture shows: one page of one prepared item, at one viewport size.
    struct Key {
        std::uint64_t pages = 0;  // the serial of the item's prepared pages; 0: none
        std::size_t page = 0;
        int w = 0, h = 0;
        bool operator==(const Key& o) const { return pages == o.pages && page == o.page && w == o.w && h == o.h; }
    };
    // Draws the page with `renderer` into its current target, at (0, 0, w, h).
    using Draw = std::function<void(SDL_Renderer* renderer)>;

    bool has(const Key& key) const;
    // The texture of `key`, drawn now with `draw` when it is not kept yet, in a slot that does
    // not hold `keep` (into the texture there, when it has one of the size). nullptr when SDL
    // cannot make the texture.
    SDL_Texture* get(SDL_Renderer* renderer, const Key& key, const Key& keep, const Draw& draw);

    // Frees the textures that show neither `a` nor `b`: once a transition is over, the page
    // it left stays in its slot (8 MiB at 1920x1080) until the next page is drawn there, and
    // the worker may be decoding the item after next meanwhile (issue 14's 50-megapixel run
    // peaked there).
    void keep_only(const Key& a, const Key& b);

  private:
    struct Slot {
        Key key;
        render::TexturePtr texture;
    };
    // Makes `slot`'s texture show the page `draw` draws; false if SDL cannot.
    bool draw_into(SDL_Renderer* renderer, Slot& slot, int w, int h, const Draw& draw);

    Backing backing_;
    std::array<Slot, 2> slots_;
};

}  // namespace nb::show
