// The look of a board: colours and proportions. Every size is a fraction of the screen so
// that 1280×720, 1920×1080, 3840×2160 and portrait boards all look like the same paper.
#pragma once

#include <algorithm>

#include "render/scene.h"

namespace nb::render {

namespace palette {
inline constexpr Color paper{247, 243, 234, 255};      // warm newsprint
inline constexpr Color ink{28, 26, 24, 255};           // body text
inline constexpr Color ink_soft{92, 86, 80, 255};      // bylines, credits
inline constexpr Color rule{206, 196, 182, 255};       // hairlines
inline constexpr Color masthead{178, 20, 32, 255};     // Chinese newspaper red
inline constexpr Color masthead_dark{128, 12, 22, 255};
inline constexpr Color on_red{255, 246, 236, 255};
inline constexpr Color night{22, 24, 28, 255};         // photo pages
inline constexpr Color on_night{240, 236, 228, 255};
inline constexpr Color on_night_soft{176, 170, 160, 255};
inline constexpr Color notice_bg{150, 14, 24, 255};
inline constexpr Color notice_band{255, 204, 64, 255};  // the yellow of an urgent strip
}  // namespace palette

enum class Orientation { Landscape, Portrait };

struct Metrics {
    int width = 0, height = 0;
    int unit = 0;  // the shorter side / 36: the smallest body size allowed
    Orientation orientation = Orientation::Landscape;
    int margin = 0;        // outer margin, px
    int top_bar = 0;       // masthead band height
    int ticker_bar = 0;    // ticker band height
    int gutter = 0;        // between columns
    int body_min = 0;      // never smaller (1/36 of the shorter side)
    int body_max = 0;

    static Metrics for_screen(int w, int h) {
        Metrics m;
        m.width = w;
        m.height = h;
        const int short_side = std::min(w, h);
        m.orientation = h > w ? Orientation::Portrait : Orientation::Landscape;
        m.unit = std::max(1, short_side / 36);
        m.margin = std::max(8, short_side * 5 / 100);
        m.top_bar = std::max(24, short_side * 8 / 100);
        m.ticker_bar = std::max(20, short_side * 7 / 100);
        m.gutter = std::max(8, short_side * 5 / 100);
        m.body_min = (short_side + 35) / 36;
        m.body_max = std::max(m.body_min, short_side / 26);
        return m;
    }
    bool portrait() const { return orientation == Orientation::Portrait; }
    // The area between the masthead and the ticker.
    Rect content() const {
        return {static_cast<float>(margin), static_cast<float>(top_bar + margin * 6 / 10),
                static_cast<float>(width - 2 * margin),
                static_cast<float>(height - top_bar - ticker_bar - margin * 12 / 10)};
    }
};

}  // namespace nb::render
