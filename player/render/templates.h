// One function per item type; each fills the pages of one item. Shared pieces (blocks of
// text, labels, page numbers) live in compose.h.
#pragma once

#include "render/slide.h"

namespace nb::render::templates {

Result<std::vector<Page>> article(const playlist::Item& item, const SlideContext& ctx);
Result<std::vector<Page>> photo(const playlist::Item& item, const SlideContext& ctx);
Result<std::vector<Page>> notice(const playlist::Item& item, const SlideContext& ctx);
Result<std::vector<Page>> index(const playlist::Item& item, const SlideContext& ctx);
Result<std::vector<Page>> image(const playlist::Item& item, const SlideContext& ctx);

}  // namespace nb::render::templates
