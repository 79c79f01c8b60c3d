// The font cascade: bundled Noto Sans CJK SC subset first, then system fonts found through
// fontconfig. font_for() takes the first face that has the code point. A code point no face
// has is reported (never drawn as a tofu box).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace nb::text {

enum class Weight { Regular, Bold };
enum class SystemFallback { Use, Ignore };  // Ignore: bundled faces only (reproducible tests)

class Face;  // text/face.h: a FreeType face + HarfBuzz font (RAII)

class FontCascade {
public:
    // Finds the bundled fonts in $NEWSBOARD_FONT_DIR, the build tree or the install prefix.
    static Result<FontCascade> create(SystemFallback system);
    // Explicit font files, in order, for Regular; Bold faces for the same files when given.
    // A file may be "path" (face 0) or "path#index" for a face in a collection (.ttc).
    static Result<FontCascade> from_files(const std::vector<std::string>& regular,
                                          const std::vector<std::string>& bold, SystemFallback system);

    FontCascade(FontCascade&&) noexcept;
    FontCascade& operator=(FontCascade&&) noexcept;
    ~FontCascade();

    // Index of the first face (for the weight) that has a glyph for cp, or -1.
    // With SystemFallback::Use, a code point no loaded face has costs one fontconfig
    // query: a system font that has it is loaded once and appended, and a code point no
    // installed font has is remembered as such. Thread-safe.
    int face_for(char32_t cp, Weight w) const;
    bool has_glyph(char32_t cp) const { return face_for(cp, Weight::Regular) >= 0; }

    Face& face(int index) const;
    const std::string& file_of(int index) const;  // path of the font file behind a face
    std::size_t face_count() const;
    // The first face for a weight: its metrics set the baseline of every line.
    int primary_face(Weight w) const;

private:
    FontCascade();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace nb::text
