// A gallery picture's pan-and-zoom as a pure function of time, the crop that keeps a photo's
// focal point in frame, and the rule that decides where pictures move at all.
#include <catch2/catch.hpp>

#include "core/diagnostic.h"
#include "playlist/parse.h"
#include "render/drift.h"
#include "render/glyph_cache.h"
#include "render/slide.h"
#include "text/cascade.h"
#include "render/image.h"
#include "show/drift_painter.h"

using namespace nb;
using render::Focus;

namespace {

bool inside(const render::Rect& r, float w, float h) {
    const float e = 1e-3f;
    return r.x >= -e && r.y >= -e && r.x + r.w <= w + e && r.y + r.h <= h + e;
}

}  // namespace

TEST_CASE("a drifting picture starts and ends whole, closes in between, and never leaves the picture", "[drift]") {
    const float w = 1200, h = 800;
    const Focus toward = GENERATE(Focus{0.5f, 0.5f}, Focus{0, 0}, Focus{1, 1}, Focus{1.f / 3, 2.f / 3});
    CAPTURE(toward.x, toward.y);
    for (float t : {0.f, 1.f, -0.5f, 2.f}) {
        const render::Rect v = render::drift_view(w, h, t, toward);
        CHECK(v.x == Approx(0).margin(1e-3));
        CHECK(v.y == Approx(0).margin(1e-3));
        CHECK(v.w == Approx(w));
        CHECK(v.h == Approx(h));
    }
    const render::Rect middle = render::drift_view(w, h, 0.5f, toward);
    CHECK(middle.w == Approx(w / render::kDriftZoom));
    float last_w = w;
    for (int i = 0; i <= 100; ++i) {
        const float t = static_cast<float>(i) / 100;
        const render::Rect v = render::drift_view(w, h, t, toward);
        CAPTURE(t);
        CHECK(inside(v, w, h));
        CHECK(v.w / v.h == Approx(w / h));  // the box's shape: nothing stretched
        // The point it closes in on stays where it is on screen.
        CHECK((toward.x * w - v.x) / v.w == Approx(toward.x).margin(1e-4));
        CHECK((toward.y * h - v.y) / v.h == Approx(toward.y).margin(1e-4));
        // Slow: no frame of a 10 s page at 60 fps moves the view by more than a few pixels.
        if (i <= 50) CHECK(v.w <= last_w + 1e-3f);
        CHECK(std::abs(v.w - last_w) < w * 0.01f);
        last_w = v.w;
    }
}

TEST_CASE("neighbouring gallery pictures close in on different points", "[drift]") {
    const Focus a = render::drift_toward(0), b = render::drift_toward(1), c = render::drift_toward(2);
    CHECK((a.x != b.x || a.y != b.y));
    CHECK((b.x != c.x || b.y != c.y));
    const Focus wrap = render::drift_toward(4);
    CHECK((wrap.x == a.x && wrap.y == a.y));
}

TEST_CASE("a cover crop keeps the focal point in frame, nearest the middle the edges allow", "[drift]") {
    // A 3000×1000 panorama into a square box: a 1000×1000 crop.
    SECTION("no focus: the centre, as before") {
        const SDL_Rect r = render::cover_crop(3000, 1000, 500, 500);
        CHECK(r.x == 1000);
        CHECK(r.y == 0);
        CHECK(r.w == 1000);
        CHECK(r.h == 1000);
    }
    SECTION("a focus near the left edge: the crop starts at the edge and holds it") {
        const SDL_Rect r = render::cover_crop(3000, 1000, 500, 500, {0.05f, 0.5f});
        CHECK(r.x == 0);
        CHECK(r.w == 1000);
    }
    SECTION("a focus at 70%: centred on it") {
        const SDL_Rect r = render::cover_crop(3000, 1000, 500, 500, {0.7f, 0.5f});
        CHECK(r.x == 1600);
        CHECK(r.x + r.w / 2 == 2100);
    }
    SECTION("every focus stays inside its crop, which stays inside the picture") {
        for (float fx = 0; fx <= 1.001f; fx += 0.1f)
            for (float fy = 0; fy <= 1.001f; fy += 0.1f) {
                const SDL_Rect r = render::cover_crop(1000, 3000, 1920, 1080, {fx, fy});
                CAPTURE(fx, fy);
                CHECK(r.x >= 0);
                CHECK(r.y >= 0);
                CHECK(r.x + r.w <= 1000);
                CHECK(r.y + r.h <= 3000);
                CHECK(fy * 3000 >= static_cast<float>(r.y) - 1);
                CHECK(fy * 3000 <= static_cast<float>(r.y + r.h) + 1);
                CHECK(static_cast<float>(r.w) / static_cast<float>(r.h) == Approx(1920.f / 1080).epsilon(0.01));
            }
    }
}

TEST_CASE("pictures move only where a GPU draws them", "[drift]") {
    SDL_RendererInfo info{};
    info.name = "opengles2";
    info.flags = SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC;
    CHECK(show::motion_for(info) == show::Motion::Drift);
    info.name = "software";
    info.flags = SDL_RENDERER_SOFTWARE;
    CHECK(show::motion_for(info) == show::Motion::Still);
    // SDL's software renderer may report itself as accelerated when it draws to a window.
    info.flags = SDL_RENDERER_ACCELERATED | SDL_RENDERER_SOFTWARE;
    CHECK(show::motion_for(info) == show::Motion::Still);
    info.name = "opengl";
    info.flags = SDL_RENDERER_TARGETTEXTURE;
    CHECK(show::motion_for(info) == show::Motion::Still);
    CHECK(show::motion_for(static_cast<SDL_Renderer*>(nullptr)) == show::Motion::Still);
}

TEST_CASE("a gallery's pictures may drift, each in its own box; a photo and a still gallery stand", "[drift]") {
    Diagnostics diags;
    auto playlist = playlist::load(std::string(NEWSBOARD_SOURCE_DIR) + "/playlists/gallery.json",
                                   playlist::MediaCheck::Full, diags);
    REQUIRE(playlist);
    auto fonts = text::FontCascade::create(text::SystemFallback::Ignore);
    REQUIRE(fonts.ok());
    render::GlyphCache glyphs;
    const auto [w, h] = GENERATE(table<int, int>({{1920, 1080}, {1080, 1920}}));
    CAPTURE(w, h);
    const render::SlideContext ctx{*fonts, glyphs, *playlist, render::Metrics::for_screen(w, h), 4096};
    playlist::Item gallery;
    for (const auto& item : playlist->items)
        if (item.type == playlist::ItemType::Gallery) gallery = item;
    REQUIRE(gallery.pictures.size() >= 2);
    auto pages = render::prepare_item(gallery, ctx);
    REQUIRE(pages.ok());
    REQUIRE(pages->size() == gallery.pictures.size());
    for (const auto& page : *pages) {
        REQUIRE(page.drift);
        CHECK(page.drift->picture);
        CHECK(page.drift->box.w > w / 2.f);
        CHECK(page.drift->box.x + page.drift->box.w <= w);
        CHECK(page.drift->box.y + page.drift->box.h <= h);
        // Its words are beside or under the picture, never where it moves.
        for (const auto& line : page.scene.text) {
            const auto& b = page.drift->box;
            const bool apart = line.box.x >= b.x + b.w || line.box.y >= b.y + b.h;
            CAPTURE(line.text);
            CHECK(apart);
        }
    }
    CHECK(pages->at(0).drift->toward.x != pages->at(1).drift->toward.x);

    gallery.motion = playlist::Motion::Still;
    auto still = render::prepare_item(gallery, ctx);
    REQUIRE(still.ok());
    for (const auto& page : *still) CHECK_FALSE(page.drift);

    playlist::Item photo = gallery;
    photo.type = playlist::ItemType::Photo;
    photo.motion = playlist::Motion::Drift;
    photo.image = gallery.pictures[0].image;
    auto photo_pages = render::prepare_item(photo, ctx);
    REQUIRE(photo_pages.ok());
    CHECK_FALSE(photo_pages->at(0).drift);
}
