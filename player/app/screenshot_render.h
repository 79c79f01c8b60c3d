// The board's screenshot (docs/fleet.md): the page on screen drawn again by the board's own
// renderer (render::prepare_item and draw_offscreen, as `newsboard render` draws it) from the
// playlist the content source holds, scaled to at most 640 px and sent as a JPEG. Runs on the
// screenshot thread: it shares only the fonts (thread-safe) and what the loop last showed.
#pragma once

#include <mutex>
#include <optional>

#include "core/result.h"
#include "fleet/screenshot.h"
#include "show/content.h"
#include "show/showing.h"
#include "text/cascade.h"

namespace nb::app {

class PageCamera {
  public:
    PageCamera(const text::FontCascade& fonts, const show::ContentSource& content, int width, int height,
               int rotate_deg)
        : fonts_(fonts), content_(content), width_(width), height_(height), rotate_deg_(rotate_deg) {}

    // What the frame loop shows now (its observer; cheap).
    void observe(const show::Showing& s);
    // The page on screen as a JPEG; an error when there is no page to show (standby, display
    // off) or the edition on screen is no longer the one held (a new one takes over at the next
    // page: the desk asks again).
    Result<fleet::Shot> shoot() const;

  private:
    const text::FontCascade& fonts_;
    const show::ContentSource& content_;
    int width_, height_, rotate_deg_;
    mutable std::mutex mutex_;
    std::optional<show::Showing> showing_;
};

}  // namespace nb::app
