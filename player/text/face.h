// One font face: a FreeType face for coverage, metrics and rasterisation, and a HarfBuzz
// font over the same face for shaping. RAII; every use of the FT_Face goes through the
// face's own mutex, because an FT_Face (and its current size) is not thread-safe and the
// layout may run on a worker while the renderer rasterises on the frame thread.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

struct FT_LibraryRec_;
struct FT_FaceRec_;
struct hb_font_t;
struct hb_buffer_t;
struct hb_feature_t;

namespace nb::text {

// A FreeType library instance. Faces keep it alive (shared_ptr), and creating or
// destroying a face takes its mutex, as FreeType requires.
class FtLibrary {
public:
    static Result<std::shared_ptr<FtLibrary>> create();
    ~FtLibrary();
    FtLibrary(const FtLibrary&) = delete;
    FtLibrary& operator=(const FtLibrary&) = delete;

    FT_LibraryRec_* get() const { return library_; }
    std::mutex& mutex() const { return mutex_; }

private:
    FtLibrary() = default;
    FT_LibraryRec_* library_ = nullptr;
    mutable std::mutex mutex_;
};

// Vertical metrics at one pixel size. All in px, y up from the baseline (the descender
// is negative).
struct FaceMetrics {
    float ascender = 0;
    float descender = 0;
    float line_gap = 0;
    float em_top = 0;     // top of the ideographic em box (CJK: centre this box in a line)
    float em_bottom = 0;  // bottom of the ideographic em box (negative)
};

// 8-bit coverage of one glyph at one size, for the renderer.
struct GlyphBitmap {
    int width = 0;   // px
    int height = 0;  // px
    int pitch = 0;   // bytes from one row to the next (== width: rows are packed)
    int left = 0;    // from the pen position to the bitmap's left column, px
    int top = 0;     // from the baseline up to the bitmap's top row, px (positive = above)
    std::vector<std::uint8_t> pixels;  // height rows of pitch bytes; 0 = empty, 255 = full ink
};

class Face {
public:
    // Opens face `index` of a font file (0 unless the file is a collection).
    static Result<std::unique_ptr<Face>> open(std::shared_ptr<FtLibrary> library, const std::string& path,
                                              int index);
    // The index of the face in a collection whose family name is `family` ("Noto Sans CJK SC").
    static Result<int> index_of_family(const std::shared_ptr<FtLibrary>& library, const std::string& path,
                                       std::string_view family);

    ~Face();
    Face(const Face&) = delete;
    Face& operator=(const Face&) = delete;

    const std::string& file() const { return path_; }
    int index() const { return index_; }
    const std::string& family() const { return family_; }

    bool has_glyph(char32_t cp) const { return glyph_index(cp) != 0; }
    std::uint32_t glyph_index(char32_t cp) const;  // 0: not in the face

    FaceMetrics metrics(int size_px) const;

    // Renders with light (vertical-only) hinting: horizontal positions and advances stay
    // the unhinted ones the layout measured with, while horizontal strokes of Han
    // characters snap to whole pixels. Empty bitmap for blank glyphs or on error.
    GlyphBitmap rasterize(std::uint32_t glyph_id, int size_px) const;

    // Shapes `buffer` (text, script, language and direction already set) at size_px;
    // positions come back in 26.6 fixed point (1/64 px), advances unhinted.
    void shape(hb_buffer_t* buffer, int size_px, const hb_feature_t* features, unsigned feature_count) const;

private:
    Face() = default;
    void set_size_locked(int size_px) const;
    void read_em_box();

    std::shared_ptr<FtLibrary> library_;
    FT_FaceRec_* face_ = nullptr;  // our reference; hb_font_ holds another (FT_Reference_Face)
    hb_font_t* font_ = nullptr;
    std::string path_;
    std::string family_;
    int index_ = 0;
    int em_top_ = 0, em_bottom_ = 0;  // ideographic em box, font units
    mutable int size_px_ = 0;  // the size the FT_Face and hb_font_ are set to
    mutable std::mutex mutex_;
};

}  // namespace nb::text
