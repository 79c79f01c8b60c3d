#include "render/picture.h"

namespace nb::render {

SurfacePtr Picture::pixels() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!pixels_ && decode_) {
        ++decodes_;
        auto again = decode_();
        if (again)
            pixels_ = std::move(*again);
        else
            decode_ = nullptr;  // gone or changed: that will not mend, and it is not tried each frame
    }
    return pixels_;
}

void Picture::release() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (decode_) pixels_.reset();
}

bool Picture::held() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return pixels_ != nullptr;
}

int Picture::decodes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return decodes_;
}

}  // namespace nb::render
