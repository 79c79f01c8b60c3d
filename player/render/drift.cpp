#include "render/drift.h"

#include <algorithm>
#include <cmath>

namespace nb::render {

Rect drift_view(float w, float h, float t, Focus toward) {
    t = std::clamp(t, 0.f, 1.f);
    // 0 → 1 → 0 with no speed at either end: (1 − cos 2πt) / 2.
    const float rise = (1.f - std::cos(2.f * static_cast<float>(M_PI) * t)) / 2.f;
    const float zoom = 1.f + (kDriftZoom - 1.f) * rise;
    const float vw = w / zoom, vh = h / zoom;
    const float fx = std::clamp(toward.x, 0.f, 1.f), fy = std::clamp(toward.y, 0.f, 1.f);
    // The focus keeps its place: it is at fx of the view as it is at fx of the picture.
    return {fx * (w - vw), fy * (h - vh), vw, vh};
}

Focus drift_toward(int picture_index) {
    static constexpr Focus kThirds[] = {{1.f / 3, 1.f / 3}, {2.f / 3, 2.f / 3}, {2.f / 3, 1.f / 3}, {1.f / 3, 2.f / 3}};
    const int n = static_cast<int>(std::size(kThirds));
    return kThirds[((picture_index % n) + n) % n];
}

}  // namespace nb::render
