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
    // What a texture shows: one page of one prepared item, at one viewport size.
    struct Key {
        std::uint64_t pages = 0;  // the serial of the item's prepared pages; 0: none
        std::size_t page = 0;
        int w = 0, h = 0;
        bool operator==(const Key& o) const { return pages == o.pages && page == o.page && w == o.w && h == o.h; }
    };
    // Draws the page into the renderer's current target, at (0, 0, w, h).
    using Draw = std::function<void()>;

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
    std::array<Slot, 2> slots_;
};

}  // namespace nb::show
