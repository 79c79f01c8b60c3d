// The player's parts that need no display: which item comes next (with a fake clock), the
// texture cache, the headless display's rotation, transitions and the ticker strip.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "platform/display.h"
#include "playlist/parse.h"
#include "render/glyph_cache.h"
#include "render/slide.h"
#include "show/compositor.h"
#include "show/on_screen.h"
#include "show/page_textures.h"
#include "render/texture_pixels.h"
#include "show/schedule_clock.h"
#include "show/sequence.h"
#include "show/stage.h"
#include "show/status.h"
#include "show/waker.h"

namespace {

using namespace nb;

std::shared_ptr<const playlist::Playlist> parsed(const std::string& text) {
    Diagnostics d;
    auto p = playlist::parse(text, "show.json", playlist::MediaCheck::Structure, d);
    REQUIRE(p);
    return std::make_shared<const playlist::Playlist>(std::move(*p));
}

TimePoint at(const std::string& rfc3339) {
    auto t = parse_timestamp(rfc3339);
    REQUIRE(t);
    return *t;
}

std::string id_of(const show::Sequence& s) {
    return s.current() ? s.playlist()->items[*s.current()].id : std::string("standby");
}

std::vector<std::string> run(show::Sequence& s, TimePoint now, int n) {
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
        s.next(now);
        ids.push_back(id_of(s));
    }
    return ids;
}

render::Scene solid(int w, int h, render::Color c) {
    render::Scene s;
    s.width = w;
    s.height = h;
    s.background = c;
    return s;
}

render::Color pixel(SDL_Surface* s, int x, int y) {
    const auto* row = static_cast<const std::uint8_t*>(s->pixels) + y * s->pitch;
    const std::uint32_t v = reinterpret_cast<const std::uint32_t*>(row)[x];
    render::Color c;
    SDL_GetRGBA(v, s->format, &c.r, &c.g, &c.b, &c.a);
    return c;
}

std::unique_ptr<platform::Display> headless(int w, int h, int rotate = 0) {
    platform::DisplaySpec spec;
    spec.target = platform::Target::Headless;
    spec.width = w;
    spec.height = h;
    spec.rotate_deg = rotate;
    auto d = platform::Display::open(spec);
    REQUIRE(d);
    return std::move(*d);
}

}  // namespace

TEST_CASE("the sequence cycles eligible items in playlist order", "[show]") {
    auto p = parsed(R"({"version": 1, "id": "s", "items": [
        {"id": "a", "type": "index"},
        {"id": "night", "type": "index", "schedule": {"hours": "22:00-06:00"}},
        {"id": "b", "type": "index"}]})");
    show::Sequence s;
    s.reset(p);
    CHECK(run(s, at("2019-04-08T12:00:00+08:00"), 4) == std::vector<std::string>{"a", "b", "a", "b"});
    CHECK(run(s, at("2019-04-08T23:00:00+08:00"), 3) == std::vector<std::string>{"a", "night", "b"});
}

TEST_CASE("urgent items interrupt at once and then come between every other item", "[show]") {
    auto p = parsed(R"({"version": 1, "id": "s", "items": [
        {"id": "a", "type": "index"},
        {"id": "b", "type": "index"},
        {"id": "c", "type": "index"},
        {"id": "storm", "type": "notice", "text": "暴雨预警", "priority": "urgent",
         "schedule": {"hours": "09:00-10:00"}}]})");
    show::Sequence s;
    s.reset(p);
    const TimePoint before = at("2019-04-08T08:59:00+08:00");
    const TimePoint during = at("2019-04-08T09:00:00+08:00");
    CHECK(run(s, before, 2) == std::vector<std::string>{"a", "b"});
    CHECK_FALSE(s.urgent_arrived(before));
    CHECK(s.urgent_arrived(during));
    CHECK_FALSE(s.urgent_arrived(during));  // once
    CHECK(run(s, during, 5) == std::vector<std::string>{"storm", "c", "storm", "a", "storm"});
    CHECK(run(s, at("2019-04-08T10:01:00+08:00"), 2) == std::vector<std::string>{"b", "c"});
}

TEST_CASE("nothing eligible means the standby screen, and a reload keeps the rotation by id", "[show]") {
    auto p = parsed(R"({"version": 1, "id": "s", "items": [
        {"id": "a", "type": "index", "schedule": {"from": "2019-04-05", "until": "2019-04-06"}},
        {"id": "b", "type": "index", "schedule": {"from": "2019-04-05", "until": "2019-04-06"}}]})");
    show::Sequence s;
    s.reset(p);
    CHECK_FALSE(s.next(at("2019-04-08T12:00:00+08:00")));
    CHECK(run(s, at("2019-04-05T12:00:00+08:00"), 1) == std::vector<std::string>{"a"});
    // The same items in another order, with one added before: "a" is still where we are.
    s.reset(parsed(R"({"version": 1, "id": "s", "items": [
        {"id": "new", "type": "index"}, {"id": "a", "type": "index"}, {"id": "b", "type": "index"}]})"));
    CHECK(id_of(s) == "a");
    CHECK(run(s, at("2019-04-05T12:00:00+08:00"), 2) == std::vector<std::string>{"b", "new"});
}

TEST_CASE("a standing scene is uploaded once, and its textures go with it", "[show]") {
    auto display = headless(64, 32);
    auto scene = std::make_unique<render::Scene>(solid(64, 32, {255, 255, 255, 255}));
    scene->bitmap({0, 0, 16, 16}, render::make_surface(16, 16));
    scene->bitmap({16, 0, 16, 16}, render::make_surface(16, 16));
    for (int frame = 0; frame < 3; ++frame) {
        const SDL_Rect vp = display->begin_frame();
        render::draw(display->renderer(), *scene, vp, 255, &display->textures());
        display->present();
    }
    CHECK(display->textures().uploads() == 2);
    CHECK(display->textures().size() == 2);
    scene.reset();
    display->begin_frame();
    display->present();
    CHECK(display->textures().size() == 0);
}

TEST_CASE("a frame is cleared to black unless an opaque page will cover the whole board", "[show]") {
    auto display = headless(64, 32);
    const render::Scene red = solid(64, 32, {255, 0, 0, 255});
    render::draw(display->renderer(), red, display->begin_frame(), 255, &display->textures());
    display->present();
    REQUIRE(pixel(display->surface(), 10, 10).r == 255);
    // Whole: the page copied next covers every pixel, so what was there is not cleared first
    // (on the software renderer a full-screen clear costs a quarter of a crossfade frame).
    const SDL_Rect vp = display->begin_frame(platform::Display::Cover::Whole);
    CHECK(vp.w == 64);
    CHECK(vp.h == 32);
    display->present();
    CHECK(pixel(display->surface(), 10, 10).r == 255);
    // Partly (the default: scenes drawn op by op, the standby screen): black first.
    display->begin_frame();
    display->present();
    CHECK(pixel(display->surface(), 10, 10).r == 0);
}

TEST_CASE("a panel mounted on its side gets the board turned clockwise", "[show]") {
    // A portrait board 32×64 whose top half is red, on a panel turned by 90°: 64×32.
    auto display = headless(32, 64, 90);
    REQUIRE(display->surface()->w == 64);
    REQUIRE(display->surface()->h == 32);
    render::Scene scene = solid(32, 64, {255, 255, 255, 255});
    scene.fill({0, 0, 32, 32}, {255, 0, 0, 255});
    const SDL_Rect vp = display->begin_frame();
    render::draw(display->renderer(), scene, vp, 255, &display->textures());
    display->present();
    // Turned clockwise, the board's top is on the panel's right.
    CHECK(pixel(display->surface(), 60, 16).g == 0);
    CHECK(pixel(display->surface(), 4, 16).g == 255);
}

TEST_CASE("transitions: a crossfade blends, a push slides, a cut replaces", "[show]") {
    auto display = headless(100, 50);
    const render::Scene from = solid(100, 50, {0, 0, 0, 255});
    const render::Scene to = solid(100, 50, {255, 255, 255, 255});
    auto frame_at = [&](playlist::Transition how, float progress) {
        show::Frame f;
        f.from = &from;
        f.to = &to;
        f.transition = how;
        f.progress = progress;
        const SDL_Rect vp = display->begin_frame();
        show::compose(display->renderer(), display->textures(), vp, f);
        display->present();
        return display->surface();
    };
    SECTION("crossfade") {
        SDL_Surface* s = frame_at(playlist::Transition::Crossfade, 0.5f);
        CHECK(pixel(s, 50, 25).r > 100);
        CHECK(pixel(s, 50, 25).r < 160);
        CHECK(pixel(frame_at(playlist::Transition::Crossfade, 1.f), 50, 25).r == 255);
    }
    SECTION("push") {
        SDL_Surface* s = frame_at(playlist::Transition::Push, 0.5f);
        CHECK(pixel(s, 10, 25).r == 0);
        CHECK(pixel(s, 90, 25).r == 255);
    }
    SECTION("the same from page textures, as the player draws a transition") {
        auto texture = [&](const render::Scene& scene) {
            render::TexturePtr t(
                SDL_CreateTexture(display->renderer(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, 100, 50));
            REQUIRE(t);
            SDL_SetRenderTarget(display->renderer(), t.get());
            render::draw(display->renderer(), scene, {0, 0, 100, 50}, 255, &display->textures());
            SDL_SetRenderTarget(display->renderer(), nullptr);
            return t;
        };
        const render::TexturePtr a = texture(from), b = texture(to);
        auto pages_at = [&](playlist::Transition how, float progress) {
            const SDL_Rect vp = display->begin_frame();
            show::compose_pages(display->renderer(), vp, a.get(), b.get(), how, progress);
            display->present();
            return display->surface();
        };
        const render::Color mid = pixel(pages_at(playlist::Transition::Crossfade, 0.5f), 50, 25);
        CHECK(mid.r > 100);
        CHECK(mid.r < 160);
        SDL_Surface* s = pages_at(playlist::Transition::Push, 0.5f);
        CHECK(pixel(s, 10, 25).r == 0);
        CHECK(pixel(s, 90, 25).r == 255);
    }
    SECTION("cut") {
        CHECK(pixel(frame_at(playlist::Transition::Cut, 0.1f), 10, 25).r == 255);
    }
}

TEST_CASE("a crossfade over the kept frame: one blend a frame, near the two-page blend, exact at the end",
          "[show]") {
    // The player's pages: opaque textures; two colours each, so no pixel is like another. On a
    // panel on its side too: the frame kept is then the rotation's target texture.
    const int rotate = GENERATE(0, 90);
    auto display = headless(64, 32, rotate);
    // Through SDL, or on the pixels of the frame and of the page (the software renderer's path,
    // render/pixel_rows.h), where the board is drawn straight into the frame: not when turned.
    const bool on_pixels = GENERATE(false, true);
    if (on_pixels && rotate != 0) {
        CHECK_FALSE(display->frame_pixels());
        return;
    }
    // And under a see-through band of the chrome (the Overlay chrome's masthead, alpha 215),
    // drawn over each frame: there the fade is drawn from the page left's pixels kept.
    const bool banded = GENERATE(false, true);
    render::Scene chrome;
    chrome.width = 64;
    chrome.height = 32;
    chrome.background = {0, 0, 0, 0};
    if (banded) chrome.fill({0, 0, 64, 8}, {200, 16, 46, 215});
    const SDL_Rect band{0, 0, 64, 9};
    REQUIRE(display->keeps_frames());
    SDL_Renderer* r = display->renderer();
    auto texture = [&](render::Color left, render::Color right) {
        render::Scene scene = solid(64, 32, left);
        scene.fill({32, 0, 32, 32}, right);
        render::TexturePtr t(SDL_CreateTexture(r, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, 64, 32));
        REQUIRE(t);
        SDL_SetRenderTarget(r, t.get());
        render::draw(r, scene, {0, 0, 64, 32});
        SDL_SetRenderTarget(r, nullptr);
        return t;
    };
    const render::TexturePtr from = texture({200, 30, 90, 255}, {0, 0, 0, 255});
    const render::TexturePtr target_to = texture({10, 220, 140, 255}, {255, 255, 255, 255});
    // The page faded in, as the player has it: a texture on the pixels path.
    show::PageTextures pages(on_pixels ? show::PageTextures::Backing::Pixels : show::PageTextures::Backing::RenderTarget);
    SDL_Texture* const to = on_pixels ? pages.get(r, {1, 0, 64, 32}, {},
                                                  [](SDL_Renderer* own) {
                                                      render::Scene scene = solid(64, 32, {10, 220, 140, 255});
                                                      scene.fill({32, 0, 32, 32}, {255, 255, 255, 255});
                                                      render::draw(own, scene, {0, 0, 64, 32});
                                                  })
                                      : target_to.get();
    REQUIRE(to);
    auto frame = [&](const SDL_Surface* s) {
        std::vector<render::Color> px;
        for (int y = 0; y < s->h; y += 7)
            for (int x = 0; x < s->w; x += 5) px.push_back(pixel(const_cast<SDL_Surface*>(s), x, y));
        return px;
    };
    auto largest_difference = [](const std::vector<render::Color>& a, const std::vector<render::Color>& b) {
        int most = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            most = std::max({most, std::abs(a[i].r - b[i].r), std::abs(a[i].g - b[i].g), std::abs(a[i].b - b[i].b)});
        return most;
    };
    render::TexturePtr under(SDL_CreateTexture(r, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_TARGET, band.w, band.h));
    REQUIRE(under);
    SDL_SetRenderTarget(r, under.get());
    SDL_RenderCopy(r, from.get(), &band, nullptr);
    SDL_SetRenderTarget(r, nullptr);
    auto two_pages = [&](float progress) {
        const SDL_Rect vp = display->begin_frame(platform::Display::Cover::Whole);
        show::compose_pages(r, vp, from.get(), to, playlist::Transition::Crossfade, progress);
        render::draw(r, chrome, vp);
        display->present();
        return frame(display->surface());
    };
    // The two-page blend at frames 6 and 13 of 25, and at the end.
    const std::vector<render::Color> at6 = two_pages(6 / 25.f), at13 = two_pages(13 / 25.f), end = two_pages(1.f);
    // The page left stands in the frame; then 25 frames a second through a 1 s fade.
    two_pages(0.f);
    float shown = 0;
    for (int k = 1; k <= 25; ++k) {
        const float progress = static_cast<float>(k) / 25.f;
        const SDL_Rect vp = display->begin_frame(platform::Display::Cover::OverLast);
        if (on_pixels) {
            const auto frame_pixels = display->frame_pixels();
            const render::TexturePixels page(to);
            REQUIRE(frame_pixels);
            REQUIRE(page.ok());
            shown = show::fade_over_last(*frame_pixels, vp, render::read_only(page.rows()), shown, progress);
        } else {
            shown = show::fade_over_last(r, vp, to, shown, progress);
        }
        if (banded) show::fade_under_band(r, vp, to, under.get(), band, shown);
        render::draw(r, chrome, vp);
        display->present();
        // Each frame's 8-bit blend rounds (SDL's down: it divides by 256), and the frames after
        // carry it: 4 levels of 255 here at most, where 1 s of fade has 25 frames.
        if (k == 6) CHECK(largest_difference(frame(display->surface()), at6) <= 6);
        if (k == 13) {
            CHECK(std::abs(shown - show::ease(13 / 25.f)) < 0.01f);
            CHECK(largest_difference(frame(display->surface()), at13) <= 6);
        }
    }
    CHECK(shown == 1.f);
    CHECK(largest_difference(frame(display->surface()), end) == 0);
}

TEST_CASE("the ticker strip: headlines when absent, nothing when empty, in GPU-sized pieces", "[show]") {
    auto fonts = text::FontCascade::create(text::SystemFallback::Ignore);
    REQUIRE(fonts);
    render::GlyphCache glyphs;
    std::string headlines;
    for (int i = 0; i < 30; ++i)
        headlines += R"({"id": "n)" + std::to_string(i) +
                     R"(", "type": "notice", "text": "通知", "headline": "济宁高新区召开重点工作部署会议第)" +
                     std::to_string(i) + R"(次"},)";
    headlines.pop_back();
    auto absent = parsed(R"({"version": 1, "id": "s", "items": [)" + headlines + "]}");
    auto off = parsed(R"({"version": 1, "id": "s", "ticker": [], "items": [)" + headlines + "]}");
    const render::SlideContext on_ctx{*fonts, glyphs, *absent, render::Metrics::for_screen(1920, 1080), 2048};
    const render::SlideContext off_ctx{*fonts, glyphs, *off, render::Metrics::for_screen(1920, 1080), 2048};
    CHECK_FALSE(render::ticker_strip(off_ctx));
    auto strip = render::ticker_strip(on_ctx);
    REQUIRE(strip);
    CHECK(strip->strip.width > 4096);  // thirty headlines: longer than any texture
    CHECK(strip->window.y + strip->window.h == 1080);
    for (const auto& op : strip->strip.ops) {
        const render::SurfacePtr bitmap = op.surface();
        REQUIRE(bitmap);
        CHECK(bitmap->w <= 2048);
    }
}

TEST_CASE("the status file is written whatever bytes a server sent", "[show]") {
    show::StatusInfo s;
    s.mode = "play";
    s.source = "https://example.org/p.json";
    show::SyncReport sync;
    sync.validator = std::string("\"\xff\xfe\"");  // an ETag that is not UTF-8
    sync.error = std::string("bad \xc3 header");
    s.sync = sync;
    std::string text;
    REQUIRE_NOTHROW(text = show::status_json(s));
    const auto parsed = nlohmann::json::parse(text);
    CHECK(parsed["sync"]["validator"].get<std::string>() == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST_CASE("a page's texture is never taken for a later item's page", "[show]") {
    // The pages of one item are freed, the next item's are made at once: their vector often
    // gets the same address, which was the textures' key (the screen then showed the earlier
    // item's pixels while the status named the later one).
    auto p = parsed(R"({"version": 1, "id": "s", "items": [
        {"id": "a", "type": "index"}, {"id": "b", "type": "index"}]})");
    std::vector<show::PageTextures::Key> seen;
    std::uint64_t serial = 0;
    for (int round = 0; round < 20; ++round) {
        show::Prepared done;
        done.playlist = p;
        done.item = static_cast<std::size_t>(round % 2);
        done.pages.resize(1);
        auto shown = std::make_unique<show::OnScreen>(show::on_screen(std::move(done), ++serial));
        const auto key = show::texture_key(*shown, 640, 360);
        for (const auto& k : seen) CHECK_FALSE(k == key);
        seen.push_back(key);
        shown.reset();  // freed before the next one is made
    }
}

TEST_CASE("on the software renderer a page is drawn into its texture's own pixels, and copied the same by SDL and by the player",
          "[show]") {
    auto display = headless(64, 32);
    SDL_Renderer* r = display->renderer();
    show::PageTextures pages(show::PageTextures::Backing::Pixels);
    SDL_Texture* page = pages.get(r, {1, 0, 64, 32}, {}, [](SDL_Renderer* own) {
        render::Scene scene = solid(64, 32, {10, 220, 140, 255});
        scene.fill({32, 0, 32, 32}, {255, 128, 0, 255});
        render::draw(own, scene, {0, 0, 64, 32});
    });
    REQUIRE(page);
    auto px = [](const render::PixelRows& rows, int x, int y) {
        return reinterpret_cast<const std::uint32_t*>(rows.data + y * rows.pitch)[x] & 0xffffffu;
    };
    {
        const render::TexturePixels pixels(page);
        REQUIRE(pixels.ok());
        CHECK(px(pixels.rows(), 5, 5) == 0x0adc8cu);
        CHECK(px(pixels.rows(), 40, 20) == 0xff8000u);
    }
    // SDL's copy of the texture, then the player's, each over a black frame.
    for (const bool by_sdl : {true, false}) {
        const SDL_Rect vp = display->begin_frame();
        if (by_sdl) {
            show::copy_page(r, page, vp);
        } else {
            const auto frame = display->frame_pixels();
            const render::TexturePixels pixels(page);
            REQUIRE(frame);
            REQUIRE(pixels.ok());
            show::copy_page(*frame, vp, render::read_only(pixels.rows()));
        }
        display->present();
        INFO((by_sdl ? "SDL" : "the player"));
        const render::Color left = pixel(display->surface(), 5, 5), right = pixel(display->surface(), 40, 20);
        CHECK((left.r == 10 && left.g == 220 && left.b == 140 && left.a == 255));
        CHECK((right.r == 255 && right.g == 128 && right.b == 0 && right.a == 255));
    }
}

TEST_CASE("before NTP sets the clock, schedules are judged no earlier than the newest update seen", "[show]") {
    // A power cut: fake-hwclock brings the board up at its last save, a day before a notice
    // expired; the playlist the board holds was published after that.
    TimePoint wall = at("2026-03-01T08:00:00+08:00");
    bool synced = false;
    int asked = 0;
    show::ScheduleClock clock([&] { return wall; },
                              [&] {
                                  ++asked;
                                  return synced;
                              });
    CHECK(clock.now() == wall);  // nothing seen yet: the clock it is
    const TimePoint published = at("2026-03-03T07:00:00+08:00");
    clock.saw(published);
    clock.saw(at("2026-03-02T07:00:00+08:00"));  // an older one does not lower it
    clock.saw(std::nullopt);
    CHECK(clock.now() == published);
    auto p = parsed(R"({"version": 1, "id": "s", "timezone": "Asia/Shanghai", "items": [
        {"id": "expired", "type": "notice", "text": "旧", "schedule": {"until": "2026-03-02"}},
        {"id": "current", "type": "notice", "text": "新"}]})");
    show::Sequence s;
    s.reset(p);
    CHECK(run(s, clock.now(), 2) == std::vector<std::string>{"current", "current"});
    // The kernel is asked at most once a minute.
    for (int i = 0; i < 100; ++i) (void)clock.now();
    CHECK(asked == 1);
    // Time passes beyond the floor: the clock again.
    wall = at("2026-03-04T08:00:00+08:00");
    CHECK(clock.now() == wall);
    // NTP sets the clock back before the newest update: the clock alone from then on.
    synced = true;
    wall = at("2026-03-02T08:00:00+08:00");
    CHECK(clock.now() == wall);
    CHECK(clock.now() == wall);
}

TEST_CASE("the page a transition left is freed, the page on screen and the next one kept", "[show]") {
    auto display = headless(64, 32);
    SDL_Renderer* r = display->renderer();
    show::PageTextures pages(GENERATE(show::PageTextures::Backing::RenderTarget, show::PageTextures::Backing::Pixels));
    const show::PageTextures::Key left{1, 0, 64, 32}, on{2, 0, 64, 32}, next{3, 0, 64, 32};
    int draws = 0;
    const auto draw = [&](SDL_Renderer*) { ++draws; };
    REQUIRE(pages.get(r, left, {}, draw));
    SDL_Texture* shown = pages.get(r, on, left, draw);
    REQUIRE(shown);
    pages.keep_only(on, {});
    CHECK_FALSE(pages.has(left));
    CHECK(pages.has(on));
    CHECK(pages.get(r, on, {}, draw) == shown);  // not drawn again
    REQUIRE(pages.get(r, next, on, draw));
    pages.keep_only(on, next);
    CHECK(pages.has(on));
    CHECK(pages.has(next));
    CHECK(draws == 3);
}

TEST_CASE("a stop request ends the wait for the first page, though the page never comes", "[show]") {
    // SIGTERM while the loop awaits its first slide (a big photo on a Pi): the player stops
    // then, not when the wait runs out.
    auto fonts = text::FontCascade::create(text::SystemFallback::Ignore);
    REQUIRE(fonts);
    struct OnePlaylist final : show::ContentSource {
        std::string name_ = "stage.json";
        const std::string& name() const override { return name_; }
        bool changed() const override { return false; }
        std::shared_ptr<const playlist::Playlist> load(Diagnostics&) override {
            return parsed(R"({"version": 1, "id": "s", "items": [{"id": "a", "type": "index"}]})");
        }
    } content;
    show::LoopConfig config;
    config.prepare_fault = {show::PrepareFault::Kind::Hang, ""};  // the first page never comes
    show::Stage stage(*fonts, content, config, 4096);
    std::atomic<bool> stop{false};
    std::promise<void> ended;
    std::thread waiter([&] {
        stage.await_pages(std::chrono::seconds(60), stop);
        ended.set_value();
    });
    auto waited = ended.get_future();
    CHECK(waited.wait_for(std::chrono::milliseconds(100)) == std::future_status::timeout);
    stop.store(true);
    show::wake_loop();
    CHECK(waited.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
    waiter.join();
}
