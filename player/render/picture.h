// A page's picture that can be let go once the page is drawn into its texture, and decoded
// again from its file if the page must be drawn again (a resize, preview's page back). A
// standing photo page kept its decoded picture beside its page texture, which shows it
// already: 5.4 MiB at 1920x1080, alive at the peak of issue 14's 50-megapixel run.
#pragma once

#include <functional>
#include <mutex>

#include "core/result.h"
#include "render/surface.h"

namespace nb::render {

class Picture {
  public:
    // Makes the same pixels again (render/image.h: reload_image()).
    using Decode = std::function<Result<SurfacePtr>()>;

    Picture(SurfacePtr pixels, Decode decode) : pixels_(std::move(pixels)), decode_(std::move(decode)) {}

    // The pixels; decoded again, on the calling thread, when they were let go. Null when that
    // fails (the file is gone or changed: never another picture under the old page's words),
    // and from then on: the page is drawn without its picture.
    SurfacePtr pixels();
    // Lets the pixels go (they live on while someone else holds them, a drift).
    void release();
    bool held() const;
    int decodes() const;  // how often the pixels were made again

  private:
    mutable std::mutex mutex_;
    SurfacePtr pixels_;
    Decode decode_;
    int decodes_ = 0;
};

}  // namespace nb::render
