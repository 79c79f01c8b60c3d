#include "app/screenshot_render.h"

// clang-format off
#include <cstdio>
#include <csetjmp>
#include <cstdlib>
#include <jpeglib.h>
// clang-format on

#include <algorithm>

#include "render/glyph_cache.h"
#include "render/offscreen.h"
#include "render/slide.h"

namespace nb::app {
namespace {

constexpr int kLongSide = 640;                  // the desk's limit
constexpr std::size_t kMaxBytes = 400 * 1024;   // under the desk's 512 KiB, with room

struct JpegError {
    jpeg_error_mgr pub;
    std::jmp_buf jump;
};

[[noreturn]] void jpeg_fatal(j_common_ptr c) { std::longjmp(reinterpret_cast<JpegError*>(c->err)->jump, 1); }

// libjpeg's fatal errors longjmp back here: nothing between setjmp and the jump holds a C++
// object with a destructor. `*out` is malloc'd by libjpeg (the caller frees it, also on failure).
bool encode_jpeg(const SDL_Surface* s, int quality, unsigned char** out, unsigned long* size) {
    jpeg_compress_struct c{};
    JpegError err{};
    c.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = jpeg_fatal;
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&c);
        return false;
    }
    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, out, size);
    c.image_width = static_cast<JDIMENSION>(s->w);
    c.image_height = static_cast<JDIMENSION>(s->h);
    c.input_components = 4;
    c.in_color_space = JCS_EXT_BGRX;  // ARGB8888 in a little-endian word: B, G, R, A in memory
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = static_cast<unsigned char*>(s->pixels) + static_cast<std::size_t>(c.next_scanline) * s->pitch;
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    return true;
}

Result<std::string> jpeg(const SDL_Surface* s, int quality) {
    unsigned char* out = nullptr;
    unsigned long size = 0;
    const bool ok = encode_jpeg(s, quality, &out, &size);
    std::string bytes = ok && out ? std::string(reinterpret_cast<const char*>(out), size) : std::string();
    std::free(out);
    if (!ok || bytes.empty()) return fail("the JPEG encoder failed");
    return bytes;
}

}  // namespace

void PageCamera::observe(const show::Showing& s) {
    std::lock_guard<std::mutex> lock(mutex_);
    showing_ = s;
}

Result<fleet::Shot> PageCamera::shoot() const {
    std::optional<show::Showing> s;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        s = showing_;
    }
    if (!s || s->state != show::Showing::State::Showing || !s->item_id) return fail("no page on screen (standby)");
    if (s->display_off_until) return fail("the display is off until " + *s->display_off_until);
    const auto playlist = content_.peek();
    if (!playlist || playlist->sha256 != s->playlist_sha256.value_or(""))
        return fail("the edition on screen is being replaced; ask again in a moment");
    const auto item = std::find_if(playlist->items.begin(), playlist->items.end(),
                                   [&](const playlist::Item& i) { return i.id == *s->item_id; });
    if (item == playlist->items.end()) return fail("item " + *s->item_id + " is not in the edition held");

    render::GlyphCache glyphs;
    const TimePoint at = nb::now();
    const render::SlideContext ctx{fonts_, glyphs, *playlist, render::Metrics::for_screen(width_, height_),
                                   render::kMaxTextureSoftware, at};
    auto pages = render::prepare_item(*item, ctx);
    if (!pages) return fail(*s->item_id + ": " + pages.error());
    if (pages->empty()) return fail(*s->item_id + ": no pages");
    const std::size_t index = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(s->page, 1)) - 1, 0,
                                                      pages->size() - 1);
    const render::Page& page = (*pages)[index];
    const render::Scene chrome = render::chrome_scene(ctx, at, page.chrome);
    auto picture = render::draw_offscreen({&page.scene, &chrome}, width_, height_, rotate_deg_);
    if (!picture) return fail(picture.error());
    const int w = (*picture)->w, h = (*picture)->h;
    const int long_side = std::max(w, h);
    const int sw = std::max(1, w * std::min(kLongSide, long_side) / long_side);
    const int sh = std::max(1, h * std::min(kLongSide, long_side) / long_side);
    const auto small = render::scaled(picture->get(), sw, sh);
    if (!small) return fail("cannot scale the screenshot");
    for (int quality : {80, 50, 25}) {
        auto bytes = jpeg(small.get(), quality);
        if (!bytes) return fail(bytes.error());
        if (bytes->size() <= kMaxBytes) return fleet::Shot{std::move(*bytes), "image/jpeg"};
    }
    return fail("the screenshot does not fit in 400 KiB");
}

}  // namespace nb::app
