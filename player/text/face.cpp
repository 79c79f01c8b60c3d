#include "text/face.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SFNT_NAMES_H
#include FT_TRUETYPE_IDS_H

#include <hb-ft.h>
#include <hb-ot.h>
#include <hb.h>

#include <cstring>

namespace nb::text {
namespace {

std::string ft_error(FT_Error error) {
    const char* text = FT_Error_String(error);
    return text ? std::string(text) : "FreeType error " + std::to_string(error);
}

// Typographic family (name ID 16, Windows Unicode, English) if the font has one, else the
// family FreeType reports (name ID 1). "Noto Sans CJK SC" in both cases for Noto.
std::string typographic_family(FT_Face face) {
    const FT_UInt count = FT_Get_Sfnt_Name_Count(face);
    for (FT_UInt i = 0; i < count; ++i) {
        FT_SfntName name;
        if (FT_Get_Sfnt_Name(face, i, &name) != 0) continue;
        if (name.name_id != TT_NAME_ID_TYPOGRAPHIC_FAMILY || name.platform_id != TT_PLATFORM_MICROSOFT ||
            name.encoding_id != TT_MS_ID_UNICODE_CS || name.language_id != TT_MS_LANGID_ENGLISH_UNITED_STATES)
            continue;
        std::string out;  // UTF-16BE; family names are ASCII in practice, others are skipped
        for (FT_UInt k = 0; k + 1 < name.string_len; k += 2) {
            const unsigned unit = (static_cast<unsigned>(name.string[k]) << 8) | name.string[k + 1];
            if (unit >= 0x80) return face->family_name ? face->family_name : "";
            out += static_cast<char>(unit);
        }
        return out;
    }
    return face->family_name ? face->family_name : "";
}

}  // namespace

Result<std::shared_ptr<FtLibrary>> FtLibrary::create() {
    std::shared_ptr<FtLibrary> lib(new FtLibrary());
    if (const FT_Error error = FT_Init_FreeType(&lib->library_))
        return fail("cannot initialise FreeType: " + ft_error(error));
    return lib;
}

FtLibrary::~FtLibrary() {
    if (library_) FT_Done_FreeType(library_);
}

Result<std::unique_ptr<Face>> Face::open(std::shared_ptr<FtLibrary> library, const std::string& path, int index) {
    std::unique_ptr<Face> face(new Face());
    face->library_ = std::move(library);
    face->path_ = path;
    face->index_ = index;
    std::lock_guard<std::mutex> lib_lock(face->library_->mutex());
    if (const FT_Error error = FT_New_Face(face->library_->get(), path.c_str(), index, &face->face_)) {
        face->face_ = nullptr;
        return fail(path + ": cannot open font face " + std::to_string(index) + ": " + ft_error(error));
    }
    if (!FT_IS_SCALABLE(face->face_)) return fail(path + ": not a scalable (outline) font");
    if (!face->face_->charmap) return fail(path + ": no Unicode character map");
    face->family_ = typographic_family(face->face_);

    face->font_ = hb_ft_font_create_referenced(face->face_);
    // Unhinted advances: the layout measures with exactly the advances the design has,
    // scaled linearly, so a line measures the same at every position and size.
    hb_ft_font_set_load_flags(face->font_, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP);
    face->set_size_locked(32);
    face->read_em_box();
    return face;
}

Result<int> Face::index_of_family(const std::shared_ptr<FtLibrary>& library, const std::string& path,
                                  std::string_view family) {
    std::lock_guard<std::mutex> lock(library->mutex());
    FT_Face probe = nullptr;
    if (const FT_Error error = FT_New_Face(library->get(), path.c_str(), -1, &probe))
        return fail(path + ": cannot open font: " + ft_error(error));
    const FT_Long count = probe->num_faces;
    FT_Done_Face(probe);
    for (FT_Long i = 0; i < count; ++i) {
        FT_Face face = nullptr;
        if (FT_New_Face(library->get(), path.c_str(), i, &face) != 0) continue;
        const bool match = typographic_family(face) == family;
        FT_Done_Face(face);
        if (match) return static_cast<int>(i);
    }
    return fail(path + ": no face of family \"" + std::string(family) + "\"");
}

Face::~Face() {
    if (!library_) return;
    std::lock_guard<std::mutex> lock(library_->mutex());
    if (font_) hb_font_destroy(font_);  // drops hb's FT_Face reference
    if (face_) FT_Done_Face(face_);
}

void Face::set_size_locked(int size_px) const {
    if (size_px == size_px_) return;
    FT_Set_Pixel_Sizes(face_, 0, static_cast<FT_UInt>(size_px));
    // Keeps the HarfBuzz scale (26.6) in step with the FT size, and drops hb-ft's
    // advance cache for the old size.
    hb_ft_font_changed(font_);
    size_px_ = size_px;
}

void Face::read_em_box() {
    // The ideographic em box from the BASE table (Noto CJK: 880 / −120 of 1000), or
    // HarfBuzz's fallback from the OS/2 metrics for fonts without one. Read through a
    // throw-away font at the design scale so the shaping font's size stays untouched.
    hb_font_t* design = hb_font_create(hb_font_get_face(font_));
    hb_position_t top = 0, bottom = 0;
    const hb_tag_t hani = HB_TAG('h', 'a', 'n', 'i');
    hb_ot_layout_get_baseline_with_fallback(design, HB_OT_LAYOUT_BASELINE_TAG_IDEO_EMBOX_TOP_OR_RIGHT,
                                            HB_DIRECTION_LTR, hani, HB_OT_TAG_DEFAULT_LANGUAGE, &top);
    hb_ot_layout_get_baseline_with_fallback(design, HB_OT_LAYOUT_BASELINE_TAG_IDEO_EMBOX_BOTTOM_OR_LEFT,
                                            HB_DIRECTION_LTR, hani, HB_OT_TAG_DEFAULT_LANGUAGE, &bottom);
    hb_font_destroy(design);
    const int upem = face_->units_per_EM;
    if (top - bottom != upem) {
        // Not a sensible em box: centre one on the ascender/descender midpoint instead.
        top = (face_->ascender + face_->descender + upem) / 2;
        bottom = top - upem;
    }
    em_top_ = top;
    em_bottom_ = bottom;
}

std::uint32_t Face::glyph_index(char32_t cp) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return FT_Get_Char_Index(face_, cp);
}

FaceMetrics Face::metrics(int size_px) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const float scale = static_cast<float>(size_px) / static_cast<float>(face_->units_per_EM);
    FaceMetrics m;
    m.ascender = static_cast<float>(face_->ascender) * scale;
    m.descender = static_cast<float>(face_->descender) * scale;
    m.line_gap = static_cast<float>(face_->height - (face_->ascender - face_->descender)) * scale;
    m.em_top = static_cast<float>(em_top_) * scale;
    m.em_bottom = static_cast<float>(em_bottom_) * scale;
    return m;
}

GlyphBitmap Face::rasterize(std::uint32_t glyph_id, int size_px) const {
    GlyphBitmap out;
    if (size_px <= 0 || size_px > 4096) return out;
    std::lock_guard<std::mutex> lock(mutex_);
    set_size_locked(size_px);
    if (FT_Load_Glyph(face_, glyph_id, FT_LOAD_TARGET_LIGHT | FT_LOAD_NO_BITMAP) != 0) return out;
    FT_GlyphSlot slot = face_->glyph;
    if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0) return out;
    const FT_Bitmap& bitmap = slot->bitmap;
    if (bitmap.pixel_mode != FT_PIXEL_MODE_GRAY || bitmap.width == 0 || bitmap.rows == 0) return out;
    out.width = static_cast<int>(bitmap.width);
    out.height = static_cast<int>(bitmap.rows);
    out.pitch = out.width;
    out.left = slot->bitmap_left;
    out.top = slot->bitmap_top;
    out.pixels.resize(static_cast<std::size_t>(out.pitch) * static_cast<std::size_t>(out.height));
    const int src_pitch = bitmap.pitch;  // negative for bottom-up bitmaps
    for (int row = 0; row < out.height; ++row) {
        const unsigned char* src =
            src_pitch >= 0 ? bitmap.buffer + static_cast<std::ptrdiff_t>(row) * src_pitch
                           : bitmap.buffer + static_cast<std::ptrdiff_t>(out.height - 1 - row) * -src_pitch;
        std::memcpy(out.pixels.data() + static_cast<std::size_t>(row) * static_cast<std::size_t>(out.pitch), src,
                    static_cast<std::size_t>(out.width));
    }
    return out;
}

void Face::shape(hb_buffer_t* buffer, int size_px, const hb_feature_t* features, unsigned feature_count) const {
    std::lock_guard<std::mutex> lock(mutex_);
    set_size_locked(size_px);
    hb_shape(font_, buffer, features, feature_count);
}

}  // namespace nb::text
