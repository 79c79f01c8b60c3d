// One prepared item as the frame loop holds it: its pages, which one shows and since when, and
// the identity its page textures are kept by.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "playlist/model.h"
#include "render/slide.h"
#include "show/page_textures.h"
#include "show/preparer.h"

namespace nb::show {

struct OnScreen {
    std::shared_ptr<const playlist::Playlist> playlist;
    std::size_t item = 0;
    std::string id;
    std::shared_ptr<const std::vector<render::Page>> pages;
    // Which preparation `pages` is: never reused, unlike the vector's address, which the next
    // item's pages may get once these are freed (its page then showed these pixels).
    std::uint64_t serial = 0;
    std::size_t page = 0;
    std::chrono::steady_clock::time_point since;
    const render::Page& current() const { return (*pages)[page]; }
};

// The worker's pages of `done` (which succeeded) as an OnScreen at page 0; `serial` must grow
// with each call.
OnScreen on_screen(Prepared done, std::uint64_t serial);

// What the page on screen of `s` is kept as in PageTextures, at a viewport of w x h.
PageTextures::Key texture_key(const OnScreen& s, int w, int h);

}  // namespace nb::show
