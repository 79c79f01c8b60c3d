// One function per item type; each fills the pages of one item. Shared pieces (blocks of
// text, labels, page numbers) live in compose.h.
#pragma once

#include <optional>

#include "render/image.h"
#include "render/slide.h"

namespace nb::render::templates {

Result<std::vector<Page>> article(const playlist::Item& item, const SlideContext& ctx);
Result<std::vector<Page>> photo(const playlist::Item& item, const SlideContext& ctx);
Result<std::vector<Page>> notice(const playlist::Item& item, const SlideContext& ctx);
Result<std::vector<Page>> index(const playlist::Item& item, const SlideContext& ctx);
Result<std::vector<Page>> image(const playlist::Item& item, const SlideContext& ctx);
Result<std::vector<Page>> gallery(const playlist::Item& item, const SlideContext& ctx);

// What one photo page shows: a photo item's picture, or one of a gallery's.
struct Shot {
    const playlist::Media* image = nullptr;
    const playlist::Text& caption;
    const playlist::Text& credit;
    std::string counter;  // "2 / 5" on a gallery's pages
    std::optional<playlist::Focus> focus = std::nullopt;
    int drift = -1;  // a gallery's picture number (0-based) when it may drift; -1: it stands
};

// The playlist's focal point as the crop takes it (the centre when none is given).
Focus focus_of(const std::optional<playlist::Focus>& f);
Result<Page> photo_page(const playlist::Item& item, const SlideContext& ctx, const Shot& shot);

// The line under an item's QR code.
inline constexpr const char* kReadOnLabel = "扫码阅读全文";
inline constexpr const char* kFollowLabel = "扫码关注";

}  // namespace nb::render::templates
