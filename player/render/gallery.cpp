// The gallery: one photo page per picture, each with its own caption and credit under the
// gallery's headline, shown in turn within the item. The item's duration is split among the
// pictures, so the schedule, the index and the ticker still see one item.
#include <algorithm>
#include <string>

#include "render/templates.h"

namespace nb::render::templates {

Result<std::vector<Page>> gallery(const playlist::Item& item, const SlideContext& ctx) {
    if (item.pictures.empty()) return fail("no pictures");
    const int n = static_cast<int>(item.pictures.size());
    std::vector<Page> pages;
    for (int i = 0; i < n; ++i) {
        const playlist::Picture& picture = item.pictures[static_cast<std::size_t>(i)];
        auto page = photo_page(item, ctx,
                               {&picture.image, picture.caption, picture.credit,
                                std::to_string(i + 1) + " / " + std::to_string(n), picture.focus, i});
        if (!page) return fail("picture " + std::to_string(i + 1) + ": " + page.error());
        page->number = i + 1;
        page->count = n;
        // Each its share, the remainder to the first ones; at least a second each.
        page->duration_s = std::max(1, item.duration_s / n + (i < item.duration_s % n ? 1 : 0));
        pages.push_back(std::move(*page));
    }
    return pages;
}

}  // namespace nb::render::templates
