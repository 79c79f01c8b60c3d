#include "text/system_fonts.h"

#include <fontconfig/fontconfig.h>

#include <memory>

namespace nb::text {
namespace {

struct PatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct CharSetDeleter {
    void operator()(FcCharSet* c) const { FcCharSetDestroy(c); }
};
struct FontSetDeleter {
    void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};

// The fontconfig configuration we query, loaded once per process and destroyed at exit.
// Our own rather than fontconfig's implicit default: that one is never freed, which
// LeakSanitizer reports in every test run that touches it.
FcConfig* config() {
    struct Owner {
        FcConfig* config = FcInitLoadConfigAndFonts();
        ~Owner() {
            if (config) FcConfigDestroy(config);
        }
    };
    static Owner owner;
    return owner.config;
}

}  // namespace

std::vector<SystemFont> system_fonts_for(char32_t cp, Weight weight, std::size_t limit) {
    std::vector<SystemFont> out;
    FcConfig* fc = config();
    if (!fc) return out;
    std::unique_ptr<FcPattern, PatternDeleter> pattern(FcPatternCreate());
    std::unique_ptr<FcCharSet, CharSetDeleter> charset(FcCharSetCreate());
    if (!pattern || !charset) return out;
    FcCharSetAddChar(charset.get(), static_cast<FcChar32>(cp));
    FcPatternAddCharSet(pattern.get(), FC_CHARSET, charset.get());  // copies the set
    FcPatternAddString(pattern.get(), FC_LANG, reinterpret_cast<const FcChar8*>("zh-cn"));
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, weight == Weight::Bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern.get(), FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
    FcConfigSubstitute(fc, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());

    // Charset coverage ranks above family in fontconfig's sort, so fonts that have the
    // character come first; the family/lang/weight preferences order them among
    // themselves. Each candidate is still checked: the sort is a ranking, not a filter.
    FcResult result = FcResultNoMatch;
    std::unique_ptr<FcFontSet, FontSetDeleter> fonts(FcFontSort(fc, pattern.get(), FcFalse, nullptr, &result));
    if (!fonts) return out;
    for (int i = 0; i < fonts->nfont && out.size() < limit; ++i) {
        FcPattern* font = fonts->fonts[i];
        FcCharSet* has = nullptr;
        if (FcPatternGetCharSet(font, FC_CHARSET, 0, &has) != FcResultMatch || !FcCharSetHasChar(has, cp)) continue;
        FcBool scalable = FcFalse, color = FcFalse;
        if (FcPatternGetBool(font, FC_SCALABLE, 0, &scalable) == FcResultMatch && !scalable) continue;
        if (FcPatternGetBool(font, FC_COLOR, 0, &color) == FcResultMatch && color) continue;
        FcChar8* file = nullptr;
        if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch) continue;
        int index = 0;
        FcPatternGetInteger(font, FC_INDEX, 0, &index);
        out.push_back({reinterpret_cast<const char*>(file), index});
    }
    return out;
}

}  // namespace nb::text
