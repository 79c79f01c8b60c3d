// Previews: the pages a board of a given size and rotation shows at a given instant, drawn by
// the player's own renderer (render::prepare_item, chrome_scene, draw_offscreen, save_png —
// the calls `newsboard render` makes, in the same order), so they are pixel for pixel what the
// board shows; and the contact sheet.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "playlist/model.h"
#include "render/glyph_cache.h"
#include "render/slide.h"
#include "text/cascade.h"

namespace nb::desk {

struct PreviewSpec {
    int width = 1920, height = 1080;  // the board's logical size
    int rotate_deg = 0;               // the board turned clockwise, as --rotate
    TimePoint at;
};

inline constexpr int kMaxPreviewSide = 4096;

// "1080x1920", "0|90|180|270", RFC 3339; `now` when at is empty (to the minute).
Result<PreviewSpec> parse_preview_spec(const std::string& size, const std::string& rotate, const std::string& at,
                                       TimePoint now);

struct PreviewPage {
    std::string item;
    int number = 1, count = 1, duration_s = 15;
};

struct PreviewSkip {
    std::string item, reason;
};

class Previewer {
  public:
    // Loads the fonts once; `tmp_dir` takes the PNGs while they are written.
    static Result<std::unique_ptr<Previewer>> create(std::string tmp_dir);

    struct Listing {
        std::vector<PreviewPage> pages;
        std::vector<PreviewSkip> skipped;  // by the parser, or failing to prepare
    };
    // `key` names the playlist's bytes (their sha256): the last preparation is kept for it.
    Listing pages(const std::shared_ptr<const playlist::Playlist>& p, const PreviewSpec& spec);
    // Page `number` (1-based, across items) as PNG bytes.
    Result<std::string> page_png(const std::shared_ptr<const playlist::Playlist>& p, const PreviewSpec& spec, int number);
    Result<std::string> sheet_png(const std::shared_ptr<const playlist::Playlist>& p, const PreviewSpec& spec);

    // Drops the kept preparation (its pictures can be a hundred MiB) once nobody has previewed
    // for `idle`, and gives the freed memory back to the system. Called by a janitor thread.
    void release_if_idle(std::chrono::seconds idle);

  private:
    Previewer(text::FontCascade fonts, std::string tmp_dir);
    struct Prepared;
    std::shared_ptr<Prepared> prepare(const std::shared_ptr<const playlist::Playlist>& p, const PreviewSpec& spec);
    Result<render::SurfacePtr> draw(const Prepared& prepared, std::size_t index, const PreviewSpec& spec);
    Result<std::string> png_bytes(const SDL_Surface* picture);

    text::FontCascade fonts_;
    render::GlyphCache glyphs_;
    std::string tmp_dir_;
    std::mutex mutex_;  // one preview at a time: they are CPU- and memory-heavy
    std::shared_ptr<Prepared> last_;
    std::chrono::steady_clock::time_point last_used_;
};

}  // namespace nb::desk
