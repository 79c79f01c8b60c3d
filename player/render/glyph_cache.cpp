#include "render/glyph_cache.h"

namespace nb::render {

std::shared_ptr<const text::GlyphBitmap> GlyphCache::get(const text::FontCascade& fonts, int face,
                                                         std::uint32_t glyph, int size_px) {
    const std::uint64_t key = (static_cast<std::uint64_t>(face) << 48) ^
                              (static_cast<std::uint64_t>(size_px & 0xFFFF) << 32) ^ glyph;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = map_.find(key);
        if (it != map_.end()) return it->second;
    }
    auto bitmap = std::make_shared<const text::GlyphBitmap>(fonts.face(face).rasterize(glyph, size_px));
    std::lock_guard<std::mutex> lock(mutex_);
    // Dropping everything when full is crude but bounded; a page re-rasterises in a few ms.
    if (map_.size() >= max_entries_) map_.clear();
    map_.emplace(key, bitmap);
    return bitmap;
}

}  // namespace nb::render
