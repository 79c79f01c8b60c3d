// A page's bitmap that can be let go once the page is drawn into its texture, and made again
// if the page must be drawn again (a resize, preview's page back): a picture decoded again
// from its file, a text line rasterised again from its glyphs. A standing photo page kept its
// decoded picture beside its page texture, which shows it already (5.4 MiB at 1920x1080), and
// every page kept its text lines (an article's 2.6 MiB): all alive at the peak of issue 14's
// 50-megapixel run.
#pragma once

#include <functional>
#include <mutex>

#include "core/result.h"
#include "render/surface.h"

namespace nb::render {

// What making the pixels again costs: a text line's glyphs come from the glyph cache (well
// under a millisecond a line), a picture is read and decoded again (a 50-megapixel photo:
// about a second), on the thread that draws.
enum class Remake { Cheap, Costly };

class Picture {
  public:
    // Makes the same pixels again (render/image.h: load_image() with the sha256 it was shown with;
    // render/text_draw.h).
    using Decode = std::function<Result<SurfacePtr>()>;

    Picture(SurfacePtr pixels, Decode decode, Remake cost = Remake::Costly)
        : pixels_(std::move(pixels)), decode_(std::move(decode)), cost_(cost) {}

    // The pixels; made again, on the calling thread, when they were let go. Null when that
    // fails (the file is gone or changed: never another picture under the old page's words),
    // and from then on: the page is drawn without it.
    SurfacePtr pixels();
    // Lets the pixels go (they live on while someone else holds them, a drift).
    void release();
    bool held() const;
    int decodes() const;  // how often the pixels were made again
    Remake cost() const { return cost_; }

  private:
    mutable std::mutex mutex_;
    SurfacePtr pixels_;
    Decode decode_;
    Remake cost_;
    int decodes_ = 0;
};

}  // namespace nb::render
