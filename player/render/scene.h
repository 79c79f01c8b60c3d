// A prepared page as a list of draw operations over CPU-side bitmaps. Templates build
// scenes; draw() puts one on any SDL_Renderer (the GPU on a board, software for `render`).
#pragma once

#include <SDL.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "render/picture.h"
#include "render/surface.h"

namespace nb::render {

class TextureCache;

struct Color {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
};

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
};

enum class OpKind {
    Fill,      // a solid rectangle
    Bitmap,    // a surface stretched into dst
    Gradient,  // vertical gradient from color to color2 (for legibility over photos)
};

struct DrawOp {
    OpKind kind = OpKind::Fill;
    Rect dst;
    Color color;
    Color color2;
    SurfacePtr bitmap;
    // A picture instead of `bitmap`: pixels that may be let go and made again.
    std::shared_ptr<Picture> picture;

    // The pixels of a Bitmap op, made again if they were let go.
    SurfacePtr surface() const { return picture ? picture->pixels() : bitmap; }
};

// One laid-out text line as layout.json reports it: the characters, where they are on
// screen, at which size and from which font file.
struct TextRecord {
    std::string role;  // "headline", "body", "caption", …
    std::string text;
    Rect box;
    int size_px = 0;
    std::string font_file;
    int paragraph = -1;          // which paragraph of its role (body), when the template says
    bool paragraph_end = false;  // the last line of its paragraph
};

// A QR code on the page, as layout.json reports it: what it encodes and where it is.
struct CodeRecord {
    std::string text;
    Rect box;
};

// When a text line's bitmap is made. Now: as the page is prepared (on the worker, so drawing the
// page costs only its copy). Deferred: the first time something draws the line; for
// `play --headless`, whose pages are laid out, timed and reported but never drawn (rasterising
// them was a third of its CPU for each new page).
enum class Ink { Now, Deferred };

struct Scene {
    int width = 0, height = 0;
    Color background;
    std::vector<DrawOp> ops;
    std::vector<TextRecord> text;
    std::vector<CodeRecord> codes;

    void fill(Rect r, Color c) { ops.push_back({OpKind::Fill, r, c, c, nullptr, nullptr}); }
    void gradient(Rect r, Color top, Color bottom) { ops.push_back({OpKind::Gradient, r, top, bottom, nullptr, nullptr}); }
    void bitmap(Rect r, SurfacePtr s) { ops.push_back({OpKind::Bitmap, r, {}, {}, std::move(s), nullptr}); }
    void picture(Rect r, std::shared_ptr<Picture> p) { ops.push_back({OpKind::Bitmap, r, {}, {}, nullptr, std::move(p)}); }
    // Lets go of the pixels of every picture that costs at most `up_to` to make again (once
    // the scene is drawn into a texture).
    void release_pictures(Remake up_to = Remake::Costly) const;
};

// Draws the scene into the renderer's current target, scaled from the scene's logical
// size to `viewport` (letterboxing is the caller's business). Alpha `opacity` 0..255 lets
// transitions fade a whole scene.
// With a `cache`, bitmaps are uploaded once and reused; without, each bitmap's texture is
// made and freed as it is drawn, and a large picture drawn at its own size goes up a strip of
// rows at a time: for what is drawn once (`render`'s pictures, a page into its page texture),
// so no bitmap's copy outlives its own draw.
void draw(SDL_Renderer* renderer, const Scene& scene, const SDL_Rect& viewport, std::uint8_t opacity = 255,
          TextureCache* cache = nullptr);

}  // namespace nb::render
