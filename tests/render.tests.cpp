// Rendering with SDL's real software renderer: pictures are decoded upright and no larger
// than needed, bad pictures are refused before decoding, and slides stay on screen.
#include <SDL_image.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <malloc.h>
#include <optional>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/sha256.h"
#include "gif_writer.h"
#include "jpeg_writer.h"
#include "playlist/parse.h"
#include "render/exif.h"
#include "render/glyph_cache.h"
#include "render/image.h"
#include "render/jpeg.h"
#include "render/offscreen.h"
#include "render/pixel_rows.h"
#include "render/qr.h"
#include "render/row_shrink.h"
#include "render/scene.h"
#include "render/sheet.h"
#include "render/slide.h"
#include "render/texture_cache.h"

using namespace nb;

namespace {

std::string data(const std::string& rel) { return std::string(NEWSBOARD_TEST_DATA) + "/" + rel; }
std::string demo() { return std::string(NEWSBOARD_SOURCE_DIR) + "/playlists/jining-gaoxin-p03.json"; }

std::uint32_t pixel_at(const SDL_Surface* s, int x, int y) {
    return reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(s->pixels) + y * s->pitch)[x];
}

bool reddish(std::uint32_t argb) { return ((argb >> 16) & 0xFF) > 150 && (argb & 0xFF) < 90; }

// The demo playlist, the bundled fonts and a glyph cache: what a SlideContext points into.
struct Demo {
    Diagnostics diags;
    std::optional<playlist::Playlist> playlist = playlist::load(demo(), playlist::MediaCheck::Full, diags);
    Result<text::FontCascade> fonts = text::FontCascade::create(text::SystemFallback::Ignore);
    render::GlyphCache glyphs;

    render::SlideContext context(int w, int h) {
        REQUIRE(playlist);
        REQUIRE(fonts.ok());
        return {*fonts, glyphs, *playlist, render::Metrics::for_screen(w, h), 4096};
    }
};

// The bundled fonts and a glyph cache, for a SlideContext over any playlist.
struct Type {
    Result<text::FontCascade> fonts = text::FontCascade::create(text::SystemFallback::Ignore);
    render::GlyphCache glyphs;

    render::SlideContext context(const playlist::Playlist& p, int w, int h) {
        REQUIRE(fonts.ok());
        return {*fonts, glyphs, p, render::Metrics::for_screen(w, h), 4096};
    }
};

std::string temp_file(const std::string& name, const std::string& bytes) {
    const std::string path = "/tmp/nb-render-test-" + name;
    REQUIRE(file::write_atomic(path, bytes).ok());
    return path;
}

}  // namespace

TEST_CASE("a photo taken with the camera on its side is shown upright", "[render]") {
    // exif-6.jpg: stored 40×20 with the left half red, EXIF orientation 6 (turn 90° clockwise).
    auto picture = render::load_image(data("images/exif-6.jpg"), {400, 400, render::Fit::Contain, 4096});
    REQUIRE(picture.ok());
    const SDL_Surface* s = picture->get();
    CHECK(s->w == 20);
    CHECK(s->h == 40);
    CHECK(reddish(pixel_at(s, 10, 5)));      // the red half is now on top
    CHECK_FALSE(reddish(pixel_at(s, 10, 35)));
}

TEST_CASE("a photo on its side is scaled to its box as it stands upright", "[render]") {
    // Scaling happens before the turn, so the box must be compared with the upright shape:
    // 20 wide by 40 high into a 10×10 box is 5×10, not 10×5.
    auto picture = render::load_image(data("images/exif-6.jpg"), {10, 10, render::Fit::Contain, 4096});
    REQUIRE(picture.ok());
    const SDL_Surface* s = picture->get();
    CHECK(s->w == 5);
    CHECK(s->h == 10);
    CHECK(reddish(pixel_at(s, 2, 1)));
    CHECK_FALSE(reddish(pixel_at(s, 2, 9)));

    // Cover into a wide 10×4 box: the upright width decides, 10×20 (the stored shape would
    // have given 5×10, too narrow to cover).
    auto cover = render::load_image(data("images/exif-6.jpg"), {10, 4, render::Fit::Cover, 4096});
    REQUIRE(cover.ok());
    CHECK((*cover)->w == 10);
    CHECK((*cover)->h == 20);
    auto texture_bound = render::load_image(data("images/exif-6.jpg"), {400, 400, render::Fit::Contain, 16});
    REQUIRE(texture_bound.ok());
    CHECK((*texture_bound)->w == 8);
    CHECK((*texture_bound)->h == 16);
}

TEST_CASE("a picture is decoded no larger than its box needs", "[render]") {
    const std::string garden = std::string(NEWSBOARD_SOURCE_DIR) + "/playlists/media/garden.jpg";
    SECTION("cover fills the box on both sides") {
        auto picture = render::load_image(garden, {480, 480, render::Fit::Cover, 4096});
        REQUIRE(picture.ok());
        CHECK((*picture)->h == 480);
        CHECK((*picture)->w == 768);  // 2560×1600 keeps its shape
    }
    SECTION("the GPU's texture limit wins over the box") {
        auto picture = render::load_image(garden, {4000, 4000, render::Fit::Contain, 2048});
        REQUIRE(picture.ok());
        CHECK((*picture)->w == 2048);
    }
}

TEST_CASE("oversized and broken pictures are refused with a reason, not decoded", "[render]") {
    // A PNG header that claims 20000×20000: refused from the header alone.
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x4e\x20\0\0\x4e\x20\x08\x06\0\0\0\0\0\0\0", 33);
    auto huge = render::load_image(temp_file("huge.png", png), {100, 100, render::Fit::Cover, 4096});
    REQUIRE_FALSE(huge.ok());
    CHECK_THAT(huge.error(), Catch::Contains("20000"));

    // The real demo photo cut off after 4 KiB: the header reads, the pixels do not.
    auto bytes = file::read(std::string(NEWSBOARD_SOURCE_DIR) + "/playlists/media/garden.jpg", 1 << 24);
    REQUIRE(bytes.ok());
    auto cut = render::load_image(temp_file("cut.jpg", bytes->substr(0, 4096)), {100, 100, render::Fit::Cover, 4096});
    // SDL_image would decode it with grey rows; a board must not show that.
    REQUIRE_FALSE(cut.ok());
    CHECK_THAT(cut.error(), Catch::Contains("cut.jpg"));
    CHECK_THAT(cut.error(), Catch::Contains("cut short"));

    auto garbage = render::load_image(temp_file("garbage.jpg", std::string(1000, 'x')), {100, 100, render::Fit::Cover, 4096});
    REQUIRE_FALSE(garbage.ok());
}

TEST_CASE("a JPEG larger than its headers is decoded from its file as read, with the same pixels and checks", "[render]") {
    // Noise: a 1200x900 file well past the 256 KiB read ahead for its headers.
    const std::string jpeg = test::write_jpeg(1200, 900, test::JpegInk::Rgb, [](int x, int y) {
        const unsigned v = static_cast<unsigned>(x * 7919 + y * 104729) * 2654435761u;
        return test::Rgb{static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                         static_cast<std::uint8_t>(x * 255 / 1200)};
    });
    REQUIRE(jpeg.size() > 512 * 1024);
    auto pixels_of = [](const render::SurfacePtr& s) {
        std::vector<std::uint32_t> out;
        for (int y = 0; y < s->h; ++y) {
            const auto* row = reinterpret_cast<const std::uint32_t*>(static_cast<const std::uint8_t*>(s->pixels) + y * s->pitch);
            out.insert(out.end(), row, row + s->w);
        }
        return out;
    };
    // At its own size, and shrunk row by row to a third: as decode_jpeg() makes it from memory.
    const auto [box_w, box_h] = GENERATE(table<int, int>({{1200, 900}, {400, 300}}));
    CAPTURE(box_w, box_h);
    auto expected = render::decode_jpeg(jpeg, {box_w, box_h, 16384, 50'000'000, box_w, box_h});
    REQUIRE(expected);
    // After the end of the picture, data of its own (a phone's "motion photo" appends a video).
    auto read = render::load_image(temp_file("streamed.jpg", jpeg + std::string(70000, '\x55')),
                                   {box_w, box_h, render::Fit::Contain, 4096});
    REQUIRE(read);
    REQUIRE((*read)->w == box_w);
    REQUIRE((*read)->h == box_h);
    CHECK(pixels_of(*read) == pixels_of(*expected));

    // Cut short far past its headers: refused, not shown with grey rows.
    auto cut = render::load_image(temp_file("streamed-cut.jpg", jpeg.substr(0, jpeg.size() * 3 / 4)),
                                  {box_w, box_h, render::Fit::Contain, 4096});
    REQUIRE_FALSE(cut);
    CHECK_THAT(cut.error(), Catch::Contains("cut short"));
}

TEST_CASE("CMYK and YCCK JPEGs show in their true colours", "[render]") {
    // Print newsrooms export CMYK; Photoshop stores it inverted behind an Adobe APP14 marker,
    // and YCCK always so. Red on the left, a mid grey (all black ink) on the right.
    const auto [ink, name] = GENERATE(table<test::JpegInk, const char*>({{test::JpegInk::Rgb, "rgb"},
                                                                         {test::JpegInk::Cmyk, "cmyk"},
                                                                         {test::JpegInk::AdobeCmyk, "adobe-cmyk"},
                                                                         {test::JpegInk::Ycck, "ycck"}}));
    CAPTURE(name);
    const std::string jpeg = test::write_jpeg(64, 32, ink, [](int x, int) {
        return x < 32 ? test::Rgb{220, 20, 30} : test::Rgb{128, 128, 128};
    });
    auto picture = render::load_image(temp_file(std::string(name) + ".jpg", jpeg), {64, 32, render::Fit::Contain, 4096});
    REQUIRE(picture.ok());
    const SDL_Surface* s = picture->get();
    REQUIRE(s->w == 64);
    const std::uint32_t red = pixel_at(s, 10, 16), grey = pixel_at(s, 50, 16);
    CAPTURE(red, grey);
    CHECK(reddish(red));  // not blue, not cyan
    CHECK(red >> 24 == 0xFF);
    for (const int shift : {16, 8, 0}) CHECK(std::abs(static_cast<int>((grey >> shift) & 0xFF) - 128) < 12);
}

TEST_CASE("a large JPEG is decoded by libjpeg at the smallest eighth that covers its box", "[render]") {
    SECTION("the scale, in eighths") {
        const auto [w, h, min_w, min_h, eighths] = GENERATE(table<int, int, int, int, int>({
            {800, 600, 100, 75, 1},   // exactly an eighth
            {800, 600, 101, 75, 2},   // a pixel more needs a quarter
            {800, 600, 0, 300, 4},    // height decides
            {800, 600, 700, 10, 7},
            {800, 600, 800, 600, 8},  // full size
            {800, 600, 5000, 5000, 8},  // never above full size
            {8640, 5760, 1920, 1080, 2},  // a 50-megapixel photo on a full-HD board
            {7, 5, 1, 1, 1},          // sides round up: ceil(7/8) = 1
        }));
        CAPTURE(w, h, min_w, min_h);
        CHECK(render::jpeg_scale_eighths(w, h, min_w, min_h) == eighths);
    }
    SECTION("decoded small, then scaled to the box") {
        const std::string jpeg = test::write_jpeg(1600, 1200, test::JpegInk::AdobeCmyk, [](int x, int) {
            return x < 800 ? test::Rgb{220, 20, 30} : test::Rgb{20, 30, 220};
        });
        auto direct = render::decode_jpeg(jpeg, {150, 100, 16384, 50'000'000});
        REQUIRE(direct.ok());
        CHECK((*direct)->w == 200);  // 1/8 covers 150×100
        CHECK((*direct)->h == 150);
        auto picture = render::load_image(temp_file("big.jpg", jpeg), {120, 120, render::Fit::Contain, 4096});
        REQUIRE(picture.ok());
        CHECK((*picture)->w == 120);
        CHECK((*picture)->h == 90);
        CHECK(reddish(pixel_at(picture->get(), 10, 45)));
        CHECK_FALSE(reddish(pixel_at(picture->get(), 110, 45)));
    }
}

TEST_CASE("rows shrunk as they arrive average the area each output pixel covers", "[render]") {
    const auto shrink = [](const std::vector<std::vector<std::uint32_t>>& in, int out_w, int out_h) {
        std::vector<std::uint32_t> out(static_cast<std::size_t>(out_w * out_h), 0xDEADBEEF);
        render::RowShrink s(static_cast<int>(in[0].size()), static_cast<int>(in.size()), out_w, out_h,
                            reinterpret_cast<std::uint8_t*>(out.data()), out_w * 4);
        for (const auto& row : in) s.push(row.data());
        return out;
    };
    SECTION("halving averages each 2×2 block, every byte on its own") {
        const auto out = shrink({{0xFF000000, 0xFF0000FF, 0xFF102030, 0xFF102030},
                                 {0xFF0000FF, 0xFF000000, 0xFF102030, 0xFF102030}},
                                2, 1);
        CHECK(out[0] == 0xFF000080);  // 127.5 rounds up
        CHECK(out[1] == 0xFF102030);
    }
    SECTION("three columns into two: the middle one is shared half and half") {
        const auto out = shrink({{0xFF000000, 0xFF000090, 0xFF0000FF}}, 2, 1);
        CHECK(out[0] == 0xFF000030);  // (0 + 0x90 / 2) / 1.5
        CHECK(out[1] == 0xFF0000DA);  // (0x90 / 2 + 0xFF) / 1.5
    }
    SECTION("any factor: a flat picture stays flat, and every output row is written") {
        const auto [in_w, in_h, out_w, out_h] = GENERATE(table<int, int, int, int>(
            {{2160, 7, 1350, 3}, {7, 2160, 3, 1350}, {9, 9, 9, 9}, {1000, 3, 1, 1}, {17, 13, 16, 12}}));
        CAPTURE(in_w, in_h, out_w, out_h);
        const std::vector<std::vector<std::uint32_t>> in(static_cast<std::size_t>(in_h),
                                                          std::vector<std::uint32_t>(static_cast<std::size_t>(in_w), 0xFF4080C0));
        const auto out = shrink(in, out_w, out_h);
        CHECK(std::count(out.begin(), out.end(), 0xFF4080C0u) == static_cast<long>(out.size()));
    }
}

TEST_CASE("a 50-megapixel JPEG is shrunk to its box as it decodes", "[render]") {
    // Left half red, right half blue: the edge stays in the middle at the box's exact size.
    const std::string jpeg = test::write_jpeg(1600, 1200, test::JpegInk::Rgb, [](int x, int) {
        return x < 800 ? test::Rgb{220, 20, 30} : test::Rgb{20, 30, 220};
    });
    auto exact = render::decode_jpeg(jpeg, {150, 100, 16384, 50'000'000, 150, 113});
    REQUIRE(exact.ok());
    CHECK((*exact)->w == 150);  // not libjpeg's 200×150
    CHECK((*exact)->h == 113);
    CHECK(reddish(pixel_at(exact->get(), 70, 50)));
    CHECK_FALSE(reddish(pixel_at(exact->get(), 80, 50)));
    CHECK(pixel_at(exact->get(), 149, 112) >> 24 == 0xFF);
}

TEST_CASE("a cover crop shows the picture's own pixels and keeps the picture alive", "[render]") {
    render::SurfacePtr picture = render::make_surface(40, 10);
    REQUIRE(picture);
    for (int y = 0; y < 10; ++y)
        for (int x = 0; x < 40; ++x)
            reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(picture->pixels) + y * picture->pitch)[x] =
                0xFF000000u | static_cast<std::uint32_t>(x);
    render::Scene scene;
    render::SurfacePtr crop = render::put_cover(scene, picture, {0, 0, 10, 10});  // the middle 10×10
    picture.reset();
    REQUIRE(crop);
    CHECK(crop->w == 10);
    CHECK(crop->h == 10);
    CHECK(pixel_at(crop.get(), 0, 0) == 0xFF00000Fu);
    CHECK(pixel_at(crop.get(), 9, 9) == 0xFF000018u);
}

TEST_CASE("a JPEG libjpeg cannot read fails with its reason, nothing leaked", "[render]") {
    const std::string jpeg = test::write_jpeg(64, 64, test::JpegInk::Rgb, [](int, int) { return test::Rgb{1, 2, 3}; });
    // A start-of-frame that claims 0 components, a header cut off, a file of noise after SOI.
    std::string no_components = jpeg;
    const auto sof = no_components.find("\xFF\xC0");
    REQUIRE(sof != std::string::npos);
    no_components[sof + 9] = 0;
    for (const std::string& bad : {no_components, jpeg.substr(0, 200), std::string("\xFF\xD8") + std::string(300, 'x')}) {
        auto decoded = render::decode_jpeg(bad, {});
        REQUIRE_FALSE(decoded.ok());
        CHECK_THAT(decoded.error(), Catch::StartsWith("JPEG: "));
        CHECK(decoded.error().size() > 8);
    }
    // A frame header past the limits is refused before any pixel is decoded.
    auto limited = render::decode_jpeg(jpeg, {0, 0, 32, 50'000'000});
    REQUIRE_FALSE(limited.ok());
    CHECK_THAT(limited.error(), Catch::Contains("size limit"));
}

namespace {

// Palette: 0 red, 1 green, 2 blue, 3 white.
const std::vector<GifColorType> kGifPalette = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}};

test::GifFrame solid_frame(int left, int top, int w, int h, std::uint8_t index) {
    return {left, top, w, h, false, NO_TRANSPARENT_COLOR, std::vector<std::uint8_t>(static_cast<std::size_t>(w * h), index)};
}

}  // namespace

TEST_CASE("a GIF shows its first frame, placed on its screen, with its transparency", "[render]") {
    // A 20×12 screen; the first frame is 10×8 at (6, 2): rows of green, blue, white by turns,
    // interlaced, and white (index 3) transparent. The second frame, all red, must not show.
    test::GifFrame first{6, 2, 10, 8, true, 3, {}};
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 10; ++x) first.pixels.push_back(static_cast<std::uint8_t>(1 + y % 3));
    const std::string gif = test::write_gif(20, 12, kGifPalette, {first, solid_frame(0, 0, 20, 12, 0)});
    REQUIRE_FALSE(gif.empty());

    auto picture = render::load_image(temp_file("frames.gif", gif), {20, 12, render::Fit::Contain, 4096});
    REQUIRE(picture.ok());
    const SDL_Surface* s = picture->get();
    REQUIRE(s->w == 20);
    REQUIRE(s->h == 12);
    CHECK(pixel_at(s, 0, 0) >> 24 == 0);             // outside the frame: see-through
    CHECK(pixel_at(s, 6, 2) == 0xFF00FF00u);         // frame row 0: green
    CHECK(pixel_at(s, 15, 3) == 0xFF0000FFu);        // row 1: blue (interlaced rows in place)
    CHECK(pixel_at(s, 10, 4) >> 24 == 0);            // row 2: the transparent index
    CHECK(pixel_at(s, 10, 5) == 0xFF00FF00u);        // row 3: green again
    CHECK(pixel_at(s, 10, 9) == 0xFF0000FFu);        // row 7: blue
    CHECK(pixel_at(s, 16, 5) >> 24 == 0);            // right of the frame
}

TEST_CASE("a GIF whose first frame is larger than its screen is shown whole", "[render]") {
    const std::string gif = test::write_gif(4, 4, kGifPalette, {solid_frame(0, 0, 30, 10, 2)});
    auto picture = render::load_image(temp_file("big-frame.gif", gif), {100, 100, render::Fit::Contain, 4096});
    REQUIRE(picture.ok());
    CHECK((*picture)->w == 30);
    CHECK((*picture)->h == 10);
    CHECK(pixel_at(picture->get(), 29, 9) == 0xFF0000FFu);
}

TEST_CASE("a cut-short or malformed GIF is refused, not shown half drawn", "[render]") {
    const std::string gif = test::write_gif(64, 64, kGifPalette, {solid_frame(0, 0, 64, 64, 1)});
    REQUIRE(gif.size() > 40);
    auto cut = render::load_image(temp_file("cut.gif", gif.substr(0, gif.size() - 12)), {64, 64, render::Fit::Contain, 4096});
    REQUIRE_FALSE(cut.ok());
    CHECK_THAT(cut.error(), Catch::Contains("cut.gif"));
    CHECK_THAT(cut.error(), Catch::Contains("cannot decode"));

    // Only a screen and the trailer: no image at all.
    std::string empty = gif.substr(0, 13 + 3 * 4) + ";";
    auto none = render::load_image(temp_file("no-image.gif", empty), {64, 64, render::Fit::Contain, 4096});
    REQUIRE_FALSE(none.ok());
    CHECK_THAT(none.error(), Catch::Contains("no image"));
}

TEST_CASE("an animated WebP shows its first frame, and a cut-short one is refused", "[render]") {
    // SDL_image 2.6 refused every animated WebP ("Failed to decode WEBP"): the item was skipped.
    auto picture = render::load_image(data("images/animated.webp"), {400, 400, render::Fit::Contain, 4096});
    REQUIRE(picture.ok());
    // The canvas whole, the first frame's red half and its blue half, not the second's green.
    CHECK(std::make_pair((*picture)->w, (*picture)->h) == std::make_pair(40, 20));
    CHECK(reddish(pixel_at(picture->get(), 5, 10)));
    CHECK((pixel_at(picture->get(), 35, 10) & 0xFFFFFFu) == 0x0000FFu);

    auto bytes = file::read(data("images/animated.webp"), 1 << 20);
    REQUIRE(bytes.ok());
    auto cut = render::load_image(temp_file("cut.webp", bytes->substr(0, bytes->size() - 30)),
                                  {400, 400, render::Fit::Contain, 4096});
    REQUIRE_FALSE(cut.ok());
    CHECK_THAT(cut.error(), Catch::Contains("cut.webp"));
}

TEST_CASE("every demo page keeps its text on screen, landscape and upright", "[render]") {
    const auto [w, h] = GENERATE(table<int, int>({{1920, 1080}, {1080, 1920}, {1280, 720}}));
    CAPTURE(w, h);
    Demo d;
    const render::SlideContext ctx = d.context(w, h);
    const auto& playlist = d.playlist;
    for (const auto& item : playlist->items) {
        CAPTURE(item.id);
        auto pages = render::prepare_item(item, ctx);
        REQUIRE(pages.ok());
        for (const auto& page : *pages) {
            CHECK(page.scene.width == w);
            for (const auto& line : page.scene.text) {
                CAPTURE(line.text);
                CHECK(line.box.x >= 0);
                CHECK(line.box.y >= 0);
                CHECK(line.box.x + line.box.w <= w + 0.5f);
                CHECK(line.box.y + line.box.h <= h + 0.5f);
            }
        }
    }
}

TEST_CASE("an article whose header fills the screen still keeps every line on screen", "[render]") {
    // The limits allow a 200-character headline over a 500-character subhead and byline.
    auto repeat = [](const std::string& s, int n) {
        std::string out;
        for (int i = 0; i < n; ++i) out += s;
        return out;
    };
    Diagnostics diags;
    auto playlist = playlist::load(demo(), playlist::MediaCheck::Full, diags);
    REQUIRE(playlist);
    playlist::Item item = playlist->items.front();
    item.headline.value = repeat("高新区召开重点工作部署会议", 15);
    item.subhead.value = repeat("全区“一盘棋”，持续强化执行力", 33);
    item.byline.value = repeat("本报济宁4月7日讯(通讯员 段亚洲)", 27);
    auto fonts = text::FontCascade::create(text::SystemFallback::Ignore);
    REQUIRE(fonts.ok());
    render::GlyphCache glyphs;
    const auto [w, h] = GENERATE(table<int, int>({{1280, 720}, {1080, 1920}}));
    CAPTURE(w, h);
    const render::SlideContext ctx{*fonts, glyphs, *playlist, render::Metrics::for_screen(w, h), 4096};
    auto pages = render::prepare_item(item, ctx);
    REQUIRE(pages.ok());
    CHECK(pages->size() >= 2);
    std::string body;
    auto overlap = [](const render::Rect& a, const render::Rect& b) {
        return a.x < b.x + b.w - 0.5f && b.x < a.x + a.w - 0.5f && a.y < b.y + b.h - 0.5f && b.y < a.y + a.h - 0.5f;
    };
    for (const auto& page : *pages)
        for (std::size_t i = 0; i < page.scene.text.size(); ++i) {
            const auto& line = page.scene.text[i];
            CAPTURE(line.role, line.text);
            CHECK(line.box.y + line.box.h <= h + 0.5f);
            if (line.role == "body") body += line.text;
            for (std::size_t j = 0; j < i; ++j) CHECK_FALSE(overlap(line.box, page.scene.text[j].box));
            // Nor may a rule or plate cross body text.
            if (line.role == "body")
                for (const auto& op : page.scene.ops)
                    if (op.kind == render::OpKind::Fill) CHECK_FALSE(overlap(line.box, op.dst));
        }
    std::string expected;
    for (const auto& p : item.body) expected += p.value;
    CHECK(body == expected);  // every character of the body, once
}

TEST_CASE("a notice with a QR code keeps as much of its text as the page holds", "[render]") {
    // A text longer than the page beside a short link (whose plate, in whole pixels per module,
    // is 29 px short of its nominal side at 1920x1080), under the paper's account with a
    // 20-character label (two lines), and a 104-character text under a two-line headline that
    // fits whole at a smaller size (it was cut at the largest, 51 px).
    std::string long_text;
    while (long_text.size() < 1400) long_text += "清明假期外出踏青郊游赏花看景成为了不少市民的选择。";
    std::string hundred;
    for (int i = 0; i < 2; ++i) hundred += "清明假期,外出踏青郊游、赏花看景成为了不少市民的选择。蓼河湿地公园17万株绚丽多彩的郁金香争相怒放。";
    const std::string headline = "关于蓼河湿地公园清明假期游园、交通管制及停车安排的通知(请市民朋友相互转告)";
    const std::string json =
        R"({"version": 1, "id": "notices", "title": "t",
            "follow": {"link": "https://example.com/f", "label": "扫码关注济宁高新区融媒体中心官方微信公众"},
            "items": [
              {"id": "short-link", "type": "notice", "headline": "通知", "text": ")" + long_text +
        R"(", "link": "https://example.com/x"},
              {"id": "follow", "type": "notice", "headline": "通知", "text": ")" + long_text + R"("},
              {"id": "hundred", "type": "notice", "headline": ")" + headline + R"(", "text": ")" + hundred +
        R"(", "link": "https://example.com/x"}]})";
    Diagnostics diags;
    auto playlist = playlist::load(temp_file("notices.json", json), playlist::MediaCheck::Full, diags);
    REQUIRE(playlist);
    Type type;
    const auto [w, h] = GENERATE(table<int, int>({{1920, 1080}, {1080, 1920}}));
    CAPTURE(w, h);
    const render::SlideContext ctx = type.context(*playlist, w, h);
    const render::Rect area = ctx.metrics.content();
    for (const auto& item : playlist->items) {
        CAPTURE(item.id);
        auto pages = render::prepare_item(item, ctx);
        REQUIRE(pages.ok());
        REQUIRE(pages->size() == 1);
        const render::Scene& scene = pages->front().scene;
        // The column: every plate, code and line the page draws (a line's bitmap may reach
        // below its box by a descender).
        float top = 1e9f, bottom = -1e9f;
        for (const auto& op : scene.ops)
            if (op.kind == render::OpKind::Fill) top = std::min(top, op.dst.y), bottom = std::max(bottom, op.dst.y + op.dst.h);
        for (const auto& code : scene.codes)
            top = std::min(top, code.box.y), bottom = std::max(bottom, code.box.y + code.box.h);
        std::string shown;
        float text_line_h = 0, label_top = 1e9f, label_bottom = 0;
        for (const auto& line : scene.text) {
            top = std::min(top, line.box.y);
            bottom = std::max(bottom, line.box.y + line.box.h);
            if (line.role == "text") shown += line.text, text_line_h = line.box.h;
            if (line.role == "code")
                label_top = std::min(label_top, line.box.y), label_bottom = std::max(label_bottom, line.box.y + line.box.h);
        }
        CHECK(top >= area.y - 0.5f);
        CHECK(bottom <= area.y + area.h + 0.5f);  // the label's second line too
        CHECK(label_bottom == Approx(bottom));
        // The label right under the plate as drawn, not under its nominal side.
        REQUIRE(scene.codes.size() == 1);
        const render::Rect plate = scene.codes.front().box;
        CHECK(label_top - (plate.y + plate.h) == Approx(std::round(ctx.metrics.unit * 0.35f)));
        const std::string& whole = item.text.value;
        if (item.id == "hundred") {
            CHECK(shown == whole);  // smaller rather than cut
            continue;
        }
        if (shown == whole && h > w) continue;  // an upright board has room for it all
        // Cut, and with less room left than another line would take.
        REQUIRE(shown.size() > 3);
        CHECK(shown.substr(shown.size() - 3) == "\u2026");
        CHECK(whole.compare(0, shown.size() - 3, shown, 0, shown.size() - 3) == 0);
        CHECK(area.h - (bottom - top) < text_line_h);
    }
}

TEST_CASE("a page drawn by the software renderer is never blank", "[render]") {
    Demo d;
    const render::SlideContext ctx = d.context(640, 360);
    const auto& playlist = d.playlist;
    auto pages = render::prepare_item(playlist->items.front(), ctx);
    REQUIRE(pages.ok());
    const render::Scene chrome = render::chrome_scene(ctx, TimePoint(Seconds(1554685200)), render::Chrome::Solid);
    auto picture = render::draw_offscreen({&pages->front().scene, &chrome}, 640, 360, 0);
    REQUIRE(picture.ok());
    // Paper, masthead red and dark ink must all be there.
    int dark = 0, red = 0;
    for (int y = 0; y < 360; ++y)
        for (int x = 0; x < 640; ++x) {
            const std::uint32_t p = pixel_at(picture->get(), x, y);
            const int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            if (r < 80 && g < 80 && b < 80) ++dark;
            if (reddish(p) && g < 60) ++red;
        }
    CHECK(dark > 500);
    CHECK(red > 640 * 20);
}

TEST_CASE("the clock reads like a Chinese paper's dateline", "[render]") {
    // 2026-11-28T01:41:00Z is 09:41 on Saturday in Shanghai.
    CHECK(render::chinese_clock(TimePoint(Seconds(1795830060)), "Asia/Shanghai") == "11月28日 星期六 09:41");
}

TEST_CASE("an embargoed item's headline is in neither the ticker nor the index until it is due", "[render]") {
    Diagnostics diags;
    auto playlist = playlist::parse(R"({"version": 1, "id": "e", "timezone": "Asia/Shanghai", "items": [
        {"id": "idx", "type": "index", "headline": "今日要闻"},
        {"id": "now", "type": "notice", "headline": "公开的消息", "text": "一"},
        {"id": "later", "type": "notice", "headline": "禁发的消息", "text": "二",
         "schedule": {"from": "2030-01-01"}}]})",
                                    "e.json", playlist::MediaCheck::Structure, diags);
    REQUIRE(playlist);
    auto fonts = text::FontCascade::create(text::SystemFallback::Ignore);
    REQUIRE(fonts.ok());
    render::GlyphCache glyphs;
    auto index_text = [&](TimePoint at) {
        const render::SlideContext ctx{*fonts, glyphs, *playlist, render::Metrics::for_screen(1280, 720), 4096, at};
        auto pages = render::prepare_item(playlist->items[0], ctx);
        REQUIRE(pages.ok());
        std::string all;
        for (const auto& page : *pages)
            for (const auto& line : page.scene.text) all += line.text + "\n";
        return all;
    };
    const TimePoint today = *parse_timestamp("2026-12-04T09:00:00+08:00");
    const TimePoint lifted = *parse_timestamp("2030-01-01T00:00:01+08:00");
    CHECK(render::ticker_lines(*playlist, today) == std::vector<std::string>{"今日要闻", "公开的消息"});
    CHECK_THAT(index_text(today), Catch::Contains("公开的消息") && !Catch::Contains("禁发的消息"));
    // The day the embargo lifts, both list it.
    CHECK(render::ticker_lines(*playlist, lifted) == std::vector<std::string>{"今日要闻", "公开的消息", "禁发的消息"});
    CHECK_THAT(index_text(lifted), Catch::Contains("禁发的消息"));
}

TEST_CASE("a QR code is drawn in whole pixels per module inside a four-module quiet zone", "[render]") {
    const int max_side = GENERATE(100, 227, 454);
    CAPTURE(max_side);
    auto code = render::qr_bitmap("https://example.com/jining-gaoxin/follow", max_side);
    REQUIRE(code);
    SDL_Surface* s = code->get();
    CHECK(s->w == s->h);
    CHECK(s->w <= max_side);
    SDL_LockSurface(s);
    auto pixel = [&](int x, int y) {
        const auto* row = static_cast<const std::uint8_t*>(s->pixels) + y * s->pitch;
        return reinterpret_cast<const std::uint32_t*>(row)[x] & 0xFFFFFF;
    };
    // The top-left finder pattern starts exactly where the quiet zone ends: find the scale.
    int first_dark = 0;
    while (first_dark < s->w && pixel(first_dark, first_dark) == 0xFFFFFF) ++first_dark;
    REQUIRE(first_dark % 4 == 0);
    const int scale = first_dark / 4;
    CHECK(scale >= 1);
    CHECK(s->w % scale == 0);
    CHECK(s->w / scale * (scale + 1) > max_side);  // the largest whole scale that fits
    for (int y = 0; y < s->h; ++y)
        for (int x = 0; x < s->w; ++x)
            if (x % scale || y % scale) REQUIRE(pixel(x, y) == pixel(x - x % scale, y - y % scale));
    SDL_UnlockSurface(s);
}

TEST_CASE("a link too long for a QR code is refused, not drawn", "[render]") {
    CHECK_FALSE(render::qr_bitmap("https://example.com/" + std::string(8000, 'x'), 400));
    CHECK_FALSE(render::qr_bitmap("", 400));
    CHECK_FALSE(render::qr_bitmap("https://example.com/", 10));  // no room for the modules
}

namespace {

// SDL's heap in use, through SDL_SetMemoryFunctions: the highest it went since start().
struct SdlHeapPeak {
    static inline std::size_t now = 0, peak = 0;
    static inline SDL_malloc_func real_malloc = nullptr;
    static inline SDL_calloc_func real_calloc = nullptr;
    static inline SDL_realloc_func real_realloc = nullptr;
    static inline SDL_free_func real_free = nullptr;
    static void grew(void* p) {
        if (p) now += malloc_usable_size(p);
        peak = std::max(peak, now);
    }
    static void shrank(void* p) {
        if (p) now -= std::min(now, malloc_usable_size(p));
    }
    static void* on_malloc(size_t n) {
        void* p = real_malloc(n);
        grew(p);
        return p;
    }
    static void* on_calloc(size_t n, size_t size) {
        void* p = real_calloc(n, size);
        grew(p);
        return p;
    }
    static void* on_realloc(void* old, size_t n) {
        shrank(old);
        void* p = real_realloc(old, n);
        grew(p ? p : old);
        return p;
    }
    static void on_free(void* p) {
        shrank(p);
        real_free(p);
    }
    SdlHeapPeak() {
        SDL_GetMemoryFunctions(&real_malloc, &real_calloc, &real_realloc, &real_free);
        now = peak = 0;
        SDL_SetMemoryFunctions(on_malloc, on_calloc, on_realloc, on_free);
    }
    ~SdlHeapPeak() { SDL_SetMemoryFunctions(real_malloc, real_calloc, real_realloc, real_free); }
};

// A page as the painter draws it once: into an opaque target texture, read back.
std::vector<std::uint32_t> page_pixels(SDL_Renderer* r, SDL_Texture* page, const render::Scene& scene,
                                       render::TextureCache* cache, std::size_t* peak = nullptr) {
    SDL_SetRenderTarget(r, page);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    {
        std::optional<SdlHeapPeak> heap;
        if (peak) heap.emplace();
        render::draw(r, scene, {0, 0, scene.width, scene.height}, 255, cache);
        SDL_RenderFlush(r);
        if (peak) *peak = SdlHeapPeak::peak;
    }
    std::vector<std::uint32_t> out(static_cast<std::size_t>(scene.width) * scene.height);
    REQUIRE(SDL_RenderReadPixels(r, nullptr, SDL_PIXELFORMAT_ARGB8888, out.data(), scene.width * 4) == 0);
    SDL_SetRenderTarget(r, nullptr);
    return out;
}

// A page texture on a software renderer, for scenes drawn with no texture cache.
struct SoftwarePage {
    SoftwarePage(int w, int h)
        : canvas(render::make_surface(w, h)),
          renderer(SDL_CreateSoftwareRenderer(canvas.get())),
          page(SDL_CreateTexture(renderer.get(), SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, w, h)) {
        REQUIRE(page);
    }
    std::vector<std::uint32_t> pixels(const render::Scene& scene) const {
        return page_pixels(renderer.get(), page.get(), scene, nullptr);
    }
    render::SurfacePtr canvas;
    render::RendererPtr renderer;
    render::TexturePtr page;
};

}  // namespace

TEST_CASE("a page drawn once shows the same pixels with no copy of its picture or its lines beside it", "[render]") {
    render::SurfacePtr canvas = render::make_surface(320, 300);
    REQUIRE(canvas);
    render::RendererPtr renderer(SDL_CreateSoftwareRenderer(canvas.get()));
    REQUIRE(renderer);
    SDL_Renderer* r = renderer.get();
    render::TexturePtr page(SDL_CreateTexture(r, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, 320, 300));
    REQUIRE(page);

    render::Scene scene;
    scene.width = 320;
    scene.height = 300;
    scene.background = {20, 30, 40, 255};
    // A photo (opaque, a different colour each pixel; some rows half transparent to see the
    // blending too), as a cover crop: a view into a larger picture, rows a pitch apart.
    render::SurfacePtr photo = render::make_surface(270, 280);
    REQUIRE(photo);
    for (int y = 0; y < photo->h; ++y)
        for (int x = 0; x < photo->w; ++x)
            reinterpret_cast<std::uint32_t*>(static_cast<std::uint8_t*>(photo->pixels) + y * photo->pitch)[x] =
                (y % 50 < 5 ? 0x80000000u : 0xFF000000u) | static_cast<std::uint32_t>(x * 977 + y * 131) % 0xFFFFFFu;
    const render::SurfacePtr crop = render::put_cover(scene, photo, {10, 5, 250, 280});
    REQUIRE(crop);
    REQUIRE(crop->w == 250);
    scene.gradient({10, 200, 250, 85}, {0, 0, 0, 0}, {0, 0, 0, 180});
    // Ten text lines over it.
    for (int i = 0; i < 10; ++i) {
        render::SurfacePtr line = render::make_coverage_surface(200, 20, 255, 255, 255);
        REQUIRE(line);
        for (int y = 0; y < 20; ++y)
            for (int x = 0; x < 200; ++x)
                static_cast<std::uint8_t*>(line->pixels)[y * line->pitch + x] = static_cast<std::uint8_t>((x + y * 7 + i) * 5);
        scene.bitmap({20, 10.f + static_cast<float>(i) * 25, 200, 20}, line);
    }

    render::TextureCache cache(r);
    const auto cached = page_pixels(r, page.get(), scene, &cache);
    std::size_t peak = 0;
    const auto once = page_pixels(r, page.get(), scene, nullptr, &peak);
    CHECK(once == cached);
    // The whole picture's texture alone would be 250x280x4 = 273 KiB, the lines' 156 KiB: drawn
    // once, at most a strip of the picture or one line's texture is alive at a time.
    const std::size_t picture_bytes = 250 * 280 * 4;
    CHECK(peak < picture_bytes / 4);
}

TEST_CASE("a page's text lines let go after it is drawn come back the same from their glyphs", "[render]") {
    Demo d;
    const render::SlideContext ctx = d.context(480, 270);
    const auto& playlist = d.playlist;
    auto pages = render::prepare_item(playlist->items.front(), ctx);  // an article
    REQUIRE(pages.ok());
    const render::Scene& scene = pages->front().scene;
    REQUIRE(scene.text.size() > 3);

    const SoftwarePage target(scene.width, scene.height);
    const auto first = target.pixels(scene);

    // Let go, every line's bitmap is gone; drawn again, the page has the same pixels.
    scene.release_pictures(render::Remake::Cheap);
    std::size_t lines = 0;
    for (const auto& op : scene.ops) {
        if (op.kind != render::OpKind::Bitmap) continue;
        REQUIRE(op.picture);
        CHECK_FALSE(op.picture->held());
        ++lines;
    }
    CHECK(lines >= scene.text.size());
    CHECK(target.pixels(scene) == first);
}

TEST_CASE("a page prepared with its ink deferred rasterises no line until drawn, and then the same", "[render]") {
    Demo d;
    const render::SlideContext now = d.context(480, 270);
    render::SlideContext deferred = d.context(480, 270);
    deferred.ink = render::Ink::Deferred;
    const auto& article = d.playlist->items.front();
    auto drawn = render::prepare_item(article, now);
    auto laid_out = render::prepare_item(article, deferred);
    REQUIRE(drawn.ok());
    REQUIRE(laid_out.ok());
    REQUIRE(laid_out->size() == drawn->size());  // the same pages: a headless board times them alike
    const render::Scene& scene = laid_out->front().scene;
    REQUIRE(scene.text.size() > 3);
    std::size_t lines = 0;
    for (const auto& op : scene.ops) {
        if (op.kind != render::OpKind::Bitmap || !op.picture || op.picture->cost() != render::Remake::Cheap) continue;
        CHECK_FALSE(op.picture->held());
        ++lines;
    }
    CHECK(lines >= scene.text.size());

    const SoftwarePage target(scene.width, scene.height);
    CHECK(target.pixels(scene) == target.pixels(drawn->front().scene));
}

TEST_CASE("a picture let go after its page is drawn comes back the same from its file, or not at all if it changed", "[render]") {
    const std::string jpeg = test::write_jpeg(640, 400, test::JpegInk::Rgb, [](int x, int y) {
        return test::Rgb{static_cast<std::uint8_t>(x * 255 / 640), static_cast<std::uint8_t>(y * 255 / 400), 90};
    });
    const std::string path = temp_file("again.jpg", jpeg);
    const std::string sha = sha256_hex(jpeg);
    render::ImageRequest request;
    request.box_w = 150;
    request.box_h = 120;
    auto picture = render::load_image(path, request, sha);
    REQUIRE(picture);
    render::Scene scene;
    scene.width = 200;
    scene.height = 160;
    scene.background = {10, 10, 10, 255};
    render::put_cover(scene, *picture, {20, 20, 150, 120}, {0.3f, 0.5f},
                      [&] { return render::load_image(path, request, sha); });
    picture->reset();
    REQUIRE(scene.ops.size() == 1);
    const std::shared_ptr<render::Picture> shown = scene.ops[0].picture;
    REQUIRE(shown);

    render::SurfacePtr canvas = render::make_surface(200, 160);
    render::RendererPtr renderer(SDL_CreateSoftwareRenderer(canvas.get()));
    REQUIRE(renderer);
    render::TexturePtr page(SDL_CreateTexture(renderer.get(), SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, 200, 160));
    REQUIRE(page);
    const auto first = page_pixels(renderer.get(), page.get(), scene, nullptr);

    scene.release_pictures();
    CHECK_FALSE(shown->held());
    CHECK(page_pixels(renderer.get(), page.get(), scene, nullptr) == first);
    CHECK(shown->decodes() == 1);
    CHECK(shown->held());

    // The file changed under the same name: the page is drawn without it, never with the new one.
    scene.release_pictures();
    REQUIRE(file::write_atomic(path, test::write_jpeg(640, 400, test::JpegInk::Rgb, [](int, int) {
                                   return test::Rgb{200, 0, 0};
                               })).ok());
    const auto changed = page_pixels(renderer.get(), page.get(), scene, nullptr);
    CHECK_FALSE(shown->held());
    CHECK(changed[static_cast<std::size_t>(80 * 200 + 90)] == 0xFF0A0A0Au);  // the page's background
    std::remove(path.c_str());
}

TEST_CASE("a pinned picture whose file changed after the playlist was checked is refused, never shown", "[render]") {
    // A board playing a local file prepares each page when it comes round, long after the
    // playlist (and its sha256 pins) were checked; a picture copied over the old one meanwhile
    // must not be shown under the old caption.
    const auto solid = [](std::uint8_t r, std::uint8_t g, std::uint8_t b) {
        return test::write_jpeg(320, 200, test::JpegInk::Rgb, [=](int, int) { return test::Rgb{r, g, b}; });
    };
    const std::string pinned = solid(20, 60, 200), other = solid(200, 0, 0);
    const std::string folder = "/tmp/nb-render-test-pinned";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    REQUIRE(file::write_atomic(folder + "/p.jpg", pinned).ok());
    REQUIRE(file::write_atomic(folder + "/b.jpg", pinned).ok());
    const std::string items =
        R"({"version": 1, "id": "pins", "items": [)"
        R"({"id": "photo", "type": "photo", "headline": "郁金香", "image": {"src": "p.jpg", "sha256": ")" +
        sha256_hex(pinned) + R"("}},)"
        R"({"id": "full", "type": "image", "image": {"src": "b.jpg", "sha256": ")" + sha256_hex(pinned) +
        R"("}}]})";
    REQUIRE(file::write_atomic(folder + "/pins.json", items).ok());
    Diagnostics diags;
    const auto playlist = playlist::load(folder + "/pins.json", playlist::MediaCheck::Full, diags);
    REQUIRE(playlist);
    REQUIRE(playlist->items.size() == 2);
    auto fonts = text::FontCascade::create(text::SystemFallback::Ignore);
    REQUIRE(fonts.ok());
    render::GlyphCache glyphs;
    const render::SlideContext ctx{*fonts, glyphs, *playlist, render::Metrics::for_screen(640, 360), 4096};
    for (const auto& item : playlist->items) REQUIRE(render::prepare_item(item, ctx).ok());

    REQUIRE(file::write_atomic(folder + "/p.jpg", other).ok());
    REQUIRE(file::write_atomic(folder + "/b.jpg", other).ok());
    for (const auto& item : playlist->items) {
        auto pages = render::prepare_item(item, ctx);
        REQUIRE_FALSE(pages.ok());
        CHECK_THAT(pages.error(), Catch::Contains("sha256"));
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("the software path's blend is SDL's alpha blend rounded exactly, opaque, and stays in its rectangle",
          "[render]") {
    // Every pair of levels (d, s) in each colour, at every alpha: d + (s − d)·a/255 to the
    // nearest level (255 is odd: never a tie), and the fourth byte opaque whatever it was.
    std::vector<std::uint32_t> dst(65536), src(65536);
    for (int a = 0; a < 256; ++a) {
        for (std::uint32_t i = 0; i < 65536; ++i) {
            const std::uint32_t d = i & 0xff, s = i >> 8;
            dst[i] = d << 16 | (255 - d) << 8 | s;       // red d, green 255−d, blue s; top byte 0
            src[i] = 0x7f000000u | s << 16 | (255 - s) << 8 | d;
        }
        render::blend_over({reinterpret_cast<std::uint8_t*>(dst.data()), 65536 * 4, 65536, 1},
                           {reinterpret_cast<const std::uint8_t*>(src.data()), 65536 * 4, 65536, 1},
                           static_cast<std::uint8_t>(a));
        int wrong = 0;
        for (std::uint32_t i = 0; i < 65536; ++i) {
            const std::uint32_t d = i & 0xff, s = i >> 8;
            auto mix = [a](std::uint32_t from, std::uint32_t to) {
                return (from * static_cast<std::uint32_t>(255 - a) + to * static_cast<std::uint32_t>(a) + 127) / 255;
            };
            const std::uint32_t want = 0xff000000u | mix(d, s) << 16 | mix(255 - d, 255 - s) << 8 | mix(s, d);
            if (dst[i] != want) ++wrong;
        }
        INFO("alpha " << a);
        REQUIRE(wrong == 0);
    }

    // A 5x4 rectangle inside an 8x6 frame (rows 40 bytes apart, as a pitch with padding):
    // only its pixels change; copy_opaque copies them and makes them opaque.
    std::vector<std::uint32_t> frame(10 * 6, 0x00102030u), page(5 * 4, 0x00405060u);
    const render::PixelRows whole{reinterpret_cast<std::uint8_t*>(frame.data()), 40, 8, 6};
    const render::ConstPixelRows from{reinterpret_cast<const std::uint8_t*>(page.data()), 20, 5, 4};
    render::blend_over(whole.part(2, 1, 5, 4), from, 255);
    for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 10; ++x) {
            const bool inside = x >= 2 && x < 7 && y >= 1 && y < 5;
            INFO(x << "," << y);
            CHECK(frame[y * 10 + x] == (inside ? 0xff405060u : 0x00102030u));
        }
    std::fill(frame.begin(), frame.end(), 0x00102030u);
    render::copy_opaque(whole.part(1, 2, 5, 4), from);
    CHECK(frame[2 * 10 + 1] == 0xff405060u);
    CHECK(frame[5 * 10 + 5] == 0xff405060u);
    CHECK(frame[1 * 10 + 1] == 0x00102030u);
    CHECK(frame[2 * 10 + 6] == 0x00102030u);
}

TEST_CASE("the contact sheet's title keeps to one line above the thumbnails", "[render]") {
    Type t;
    REQUIRE(t.fonts.ok());
    std::vector<render::SheetEntry> entries;
    for (const char* id : {"a", "b"}) {
        render::SurfacePtr thumb = render::make_surface(480, 270);
        REQUIRE(thumb);
        SDL_FillRect(thumb.get(), nullptr, SDL_MapRGB(thumb->format, 40, 40, 40));
        entries.push_back({std::move(thumb), id, 1, 1, 15});
    }
    // A title of 200 characters (the playlist's limit) with the size and clock after it.
    std::string title;
    for (int i = 0; i < 20; ++i) title += "济宁高新区 news ";
    title += " ·  1920×1080  ·  12月5日 星期六 23:30";
    auto sheet = render::contact_sheet(entries, *t.fonts, t.glyphs, title, entries.size());
    REQUIRE(sheet.ok());
    // The title's one line (30 px at 1.2 from y 18) ends at 54; the thumbnails' frames start at
    // 87. Between them only the sheet's paper.
    int inked = 0;
    for (int y = 56; y < 86; ++y)
        for (int x = 0; x < (*sheet)->w; ++x) {
            const std::uint32_t p = pixel_at(sheet->get(), x, y);
            if (((p >> 16) & 0xFF) != 236 || ((p >> 8) & 0xFF) != 232 || (p & 0xFF) != 224) ++inked;
        }
    CHECK(inked == 0);
}

TEST_CASE("a contact-sheet label too long for its thumbnail cuts the id with an ellipsis", "[render]") {
    // A 64-character id (the longest there is) is some 700 px at the label's 20 px: wider than
    // the 480 px thumbnail. The label keeps to one line, the id cut where the font says it no
    // longer fits, and still says which page of the item it is and for how long.
    Type t;
    REQUIRE(t.fonts.ok());
    const std::string long_id = "tulips-at-the-wetland-park-on-the-first-warm-weekend-of-april-03";
    REQUIRE(long_id.size() == 64);
    std::vector<render::SheetEntry> entries;
    for (const std::string& id : {long_id, std::string("b")}) {
        render::SurfacePtr thumb = render::make_surface(480, 270);
        REQUIRE(thumb);
        entries.push_back({std::move(thumb), id, 2, 3, 30});
    }
    const render::Scene sheet = render::sheet_scene(entries, *t.fonts, t.glyphs, "济宁", entries.size());
    std::vector<render::TextRecord> labels;
    for (const render::TextRecord& r : sheet.text)
        if (r.role == "sheet" && r.text != "济宁") labels.push_back(r);
    for (const auto& l : labels) UNSCOPED_INFO(l.text << " at " << l.box.x << "," << l.box.y << " w " << l.box.w);
    REQUIRE(labels.size() == 2);
    const std::string& cut = labels[0].text;
    CHECK(cut.rfind("001  tulips-at-the-wetland-park", 0) == 0);
    const std::string tail = "…  2/3 · 30 s";
    CHECK(cut.size() > tail.size());
    CHECK(cut.compare(cut.size() - tail.size(), tail.size(), tail) == 0);
    CHECK(labels[0].box.w <= 480.5f);
    CHECK(labels[0].box.w > 400.f);  // cut where it stops fitting, not far before
    CHECK(labels[1].text == "002  b  2/3 · 30 s");
}

TEST_CASE("a page rendered with --rotate is turned clockwise, as play turns the board on its panel", "[render]") {
    // A portrait board 32×64 whose top half is red. --rotate 90 is for a panel mounted turned
    // counter-clockwise (its left edge down): the board's top goes to the page's right edge.
    render::Scene scene;
    scene.width = 32;
    scene.height = 64;
    scene.background = {255, 255, 255, 255};
    scene.fill({0, 0, 32, 32}, {255, 0, 0, 255});
    const auto green = [](const render::SurfacePtr& s, int x, int y) { return (pixel_at(s.get(), x, y) >> 8) & 0xFF; };
    auto ninety = render::draw_offscreen({&scene}, 32, 64, 90);
    REQUIRE(ninety.ok());
    REQUIRE((*ninety)->w == 64);
    CHECK(green(*ninety, 60, 16) == 0);
    CHECK(green(*ninety, 4, 16) == 255);
    auto two_seventy = render::draw_offscreen({&scene}, 32, 64, 270);
    REQUIRE(two_seventy.ok());
    CHECK(green(*two_seventy, 4, 16) == 0);
    CHECK(green(*two_seventy, 60, 16) == 255);
    auto half = render::draw_offscreen({&scene}, 32, 64, 180);
    REQUIRE(half.ok());
    CHECK(green(*half, 16, 60) == 0);
    CHECK(green(*half, 16, 4) == 255);
}

TEST_CASE("the contact sheet shows a long playlist's first pages and says how many there are", "[render]") {
    // 2,000 pages made a 342-megapixel sheet (3.9 GB): the sheet stops at kMaxSheetPages.
    Type t;
    REQUIRE(t.fonts.ok());
    const auto entries = [](std::size_t n) {
        std::vector<render::SheetEntry> out;
        for (std::size_t i = 0; i < n; ++i) {
            render::SurfacePtr thumb = render::make_surface(48, 27);
            SDL_FillRect(thumb.get(), nullptr, SDL_MapRGB(thumb->format, 40, 40, 40));
            out.push_back({std::move(thumb), std::to_string(i + 1), 1, 1, 15});
        }
        return out;
    };
    const std::size_t most = render::kMaxSheetPages;
    auto all_shown = render::contact_sheet(entries(most), *t.fonts, t.glyphs, "济宁", most);
    auto more = render::contact_sheet(entries(most + 30), *t.fonts, t.glyphs, "济宁", 2000);
    REQUIRE(all_shown.ok());
    REQUIRE(more.ok());
    CHECK((*more)->w == (*all_shown)->w);
    CHECK((*more)->h == (*all_shown)->h);
    // The same thumbnails; the title goes on to say "前 120 页，共 2000 页".
    int differ_in_title = 0, differ_below = 0;
    for (int y = 0; y < (*more)->h; ++y)
        for (int x = 0; x < (*more)->w; ++x)
            if (pixel_at(more->get(), x, y) != pixel_at(all_shown->get(), x, y)) ++(y < 64 ? differ_in_title : differ_below);
    CHECK(differ_in_title > 0);
    CHECK(differ_below == 0);
}
