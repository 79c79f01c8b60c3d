// The bundled font subset (fonts/) covers what boards show without a system fallback: every
// GB2312 character, and every character of the seed page and the demo playlists, in both
// weights. A character outside it would be drawn from whatever system font fontconfig finds,
// or not at all on a board without one.
#include <catch2/catch.hpp>
#include <unicode/ucnv.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/utf8.h"
#include "text/cascade.h"

using namespace nb;
using namespace nb::text;

namespace {

const FontCascade& bundled() {
    static FontCascade cascade = std::move(FontCascade::create(SystemFallback::Ignore).value());
    return cascade;
}

// Every character GB2312 encodes (rows 1-9 symbols, rows 16-87 Han), through ICU's converter
// (its data is built into libicudata, so this also holds where glibc's gconv modules are
// absent, as for the arm64 tests under qemu-user). ICU's GB2312 also maps private-use code
// points into the unassigned cells: those are left out. It gives A3A7 as U+00B4 where glibc's
// iconv gives U+FF07, so both are checked.
std::vector<char32_t> gb2312_characters() {
    struct Close {
        void operator()(UConverter* c) const { ucnv_close(c); }
    };
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, Close> cd(ucnv_open("GB2312", &status));
    REQUIRE(U_SUCCESS(status));
    ucnv_setToUCallBack(cd.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    REQUIRE(U_SUCCESS(status));
    std::vector<char32_t> out;
    for (int row = 0xA1; row <= 0xF7; ++row)
        for (int cell = 0xA1; cell <= 0xFE; ++cell) {
            const char in[2] = {static_cast<char>(row), static_cast<char>(cell)};
            const char* src = in;
            UErrorCode err = U_ZERO_ERROR;
            ucnv_reset(cd.get());
            const UChar32 cp = ucnv_getNextUChar(cd.get(), &src, in + 2, &err);
            const bool private_use = cp >= 0xE000 && cp <= 0xF8FF;
            if (U_SUCCESS(err) && src == in + 2 && !private_use) out.push_back(static_cast<char32_t>(cp));
        }
    out.push_back(0xFF07);  // glibc's A3A7
    return out;
}

bool blank(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000; }

// The code points of `text` that a bundled face of `weight` lacks, as "U+XXXX c" strings.
std::vector<std::string> uncovered(const std::u32string& text, Weight weight) {
    std::vector<std::string> missing;
    for (char32_t cp : text) {
        if (blank(cp) || bundled().face_for(cp, weight) >= 0) continue;
        char name[16];
        std::snprintf(name, sizeof name, "U+%04X ", static_cast<unsigned>(cp));
        missing.push_back(name + utf8::encode(cp));
    }
    return missing;
}

std::u32string characters_of(const std::string& path) {
    return utf8::decode(file::read(path, 1 << 22).value());
}

}  // namespace

TEST_CASE("the bundled subset covers all of GB2312 in both weights", "[fonts]") {
    REQUIRE(bundled().file_of(0).find(".subset.") != std::string::npos);
    const std::vector<char32_t> list = gb2312_characters();
    const std::u32string gb(list.begin(), list.end());
    CHECK(gb.size() == 7445 + 1);  // 682 symbols + 6,763 Han, and glibc's A3A7
    CHECK(uncovered(gb, Weight::Regular).empty());
    CHECK(uncovered(gb, Weight::Bold).empty());
    // Outside 通用规范汉字表, in GB2312: older and radical forms still met in names and quotes.
    CHECK(uncovered(utf8::decode("後馀菸亻氵扌"), Weight::Regular).empty());
}

TEST_CASE("the seed page and the demo playlists need no fallback font", "[fonts]") {
    REQUIRE(bundled().file_of(0).find(".subset.") != std::string::npos);
    const std::string source = NEWSBOARD_SOURCE_DIR;
    for (const std::string& path :
         {std::string(NEWSBOARD_TEST_DATA) + "/paste/seed-p03.txt", source + "/playlists/jining-gaoxin-p03.json",
          source + "/playlists/gallery.json", source + "/playlists/short-texts.json"}) {
        INFO(path);
        const auto text = characters_of(path);
        REQUIRE(!text.empty());
        CHECK(uncovered(text, Weight::Regular) == std::vector<std::string>{});
        CHECK(uncovered(text, Weight::Bold) == std::vector<std::string>{});
    }
}
