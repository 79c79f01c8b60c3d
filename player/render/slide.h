// Prepared slides: a playlist item turned into one or more pages of scene, ready to draw.
// Preparing does all the slow work (layout, rasterising text, decoding pictures) and needs
// no renderer, so it can run ahead of time on a worker.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "playlist/model.h"
#include "render/drift.h"
#include "render/scene.h"
#include "render/theme.h"
#include "text/cascade.h"

namespace nb::render {

class GlyphCache;

// The software renderer has no texture limit of its own; SDL's surfaces stop at 16384.
inline constexpr int kMaxTextureSoftware = 16384;

enum class Chrome {
    Solid,    // masthead and ticker bands around the page
    Overlay,  // the page fills the screen; the bands are drawn over it
};

struct Page {
    std::string item_id;
    int number = 1;  // 1-based
    int count = 1;
    int duration_s = 15;
    Chrome chrome = Chrome::Solid;
    Scene scene;
    // A gallery's picture that may pan and zoom slowly where the board has a GPU (the scene
    // shows it still, as it stands at the start and end of the move).
    std::optional<Drift> drift;
};

struct SlideContext {
    const text::FontCascade& fonts;
    GlyphCache& glyphs;
    const playlist::Playlist& playlist;
    Metrics metrics;
    int max_texture = 4096;
    // The instant shown. The ticker and the headline index list only items eligible then, so
    // an embargoed item's headline does not run before the item does. Unset: every item.
    std::optional<TimePoint> at = std::nullopt;
    Ink ink = Ink::Now;  // when its text lines are rasterised (render/scene.h)
};

// Every page of one item. Fails (with a message) only when the item cannot be shown at all,
// e.g. its picture is corrupt; the caller skips it and shows the rest.
Result<std::vector<Page>> prepare_item(const playlist::Item& item, const SlideContext& ctx);

// Whether the chrome carries the start of the ticker's text (a still picture) or leaves the
// band empty for the player to scroll a TickerStrip across it.
enum class Crawl { Still, Moving };

// The masthead (title, clock) and the ticker band, for the instant `now`.
Scene chrome_scene(const SlideContext& ctx, TimePoint now, Chrome chrome, Crawl crawl = Crawl::Still);

// The ticker's whole text as one strip, made once and scrolled by time: `strip` is one loop
// long (the lines, each followed by a separator), cut into bitmaps the GPU accepts; `window`
// is the part of the band it shows through, in the screen's logical pixels.
struct TickerStrip {
    Scene strip;
    Rect window;
};
// Nothing when the crawl is off ("ticker": [] or no headlines).
std::optional<TickerStrip> ticker_strip(const SlideContext& ctx);

// "11月28日 星期六 09:41" in the playlist's time zone.
std::string chinese_clock(TimePoint now, const std::string& zone);

// The ticker's lines: the playlist's ticker, or, when it has none, the headlines of the items
// eligible at `at` (all items when unset).
std::vector<std::string> ticker_lines(const playlist::Playlist& p, std::optional<TimePoint> at = std::nullopt);

// Which items (by index) may be listed by headline at `ctx.at`: the ticker and the index.
std::vector<bool> listed_items(const SlideContext& ctx);

}  // namespace nb::render
