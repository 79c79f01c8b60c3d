// Rasterised glyphs keyed by (face, glyph, size). Bounded, so a board that shows many
// sizes and scripts over months does not grow without end.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "text/cascade.h"
#include "text/face.h"

namespace nb::render {

class GlyphCache {
public:
    explicit GlyphCache(std::size_t max_entries = 20000) : max_entries_(max_entries) {}

    std::shared_ptr<const text::GlyphBitmap> get(const text::FontCascade& fonts, int face, std::uint32_t glyph,
                                                 int size_px);

private:
    std::size_t max_entries_;
    std::mutex mutex_;
    std::unordered_map<std::uint64_t, std::shared_ptr<const text::GlyphBitmap>> map_;
};

}  // namespace nb::render
