// The bundled font subset (fonts/) covers what boards show without a system fallback: every
// GB2312 character, and every character of the seed page and the demo playlists, in both
// weights. A character outside it would be drawn from whatever system font fontconfig finds,
// or not at all on a board without one.
#include <catch2/catch.hpp>
#include <iconv.h>

#include <cstdio>
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

// Every character GB2312 encodes (rows 1-9 symbols, rows 16-87 Han), through glibc's iconv.
std::vector<char32_t> gb2312_characters() {
    iconv_t cd = iconv_open("UTF-32LE", "GB2312");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::vector<char32_t> out;
    for (int row = 0xA1; row <= 0xF7; ++row)
        for (int cell = 0xA1; cell <= 0xFE; ++cell) {
            char in[2] = {static_cast<char>(row), static_cast<char>(cell)};
            char32_t cp = 0;
            char* src = in;
            char* dst = reinterpret_cast<char*>(&cp);
            std::size_t src_left = 2, dst_left = sizeof cp;
            iconv(cd, nullptr, nullptr, nullptr, nullptr);
            if (iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1) && dst_left == 0)
                out.push_back(cp);
        }
    iconv_close(cd);
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
    CHECK(gb.size() == 7445);  // 682 symbols + 6,763 Han
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
