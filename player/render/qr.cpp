#include "render/qr.h"

#include <qrencode.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "render/compose.h"

namespace nb::render {
namespace {

constexpr int kQuietModules = 4;  // ISO/IEC 18004: a blank margin four modules wide
constexpr float kLabelUnits = 0.85f;
constexpr float kLabelGapUnits = 0.35f;

struct CodeDeleter {
    void operator()(QRcode* c) const { QRcode_free(c); }
};

int label_px(const Metrics& m) { return std::max(m.body_min * 4 / 5, static_cast<int>(std::lround(m.unit * kLabelUnits))); }

}  // namespace

float code_side(const Metrics& m) { return std::round(static_cast<float>(std::min(m.width, m.height)) * 0.21f); }

Result<SurfacePtr> qr_bitmap(std::string_view text, int max_side) {
    const std::string z(text);  // libqrencode wants a C string
    if (z.empty() || std::memchr(z.data(), 0, z.size())) return fail("QR code: empty text or a NUL byte");
    // Level M: 15 % of the code may be dirty or glared and it still reads.
    std::unique_ptr<QRcode, CodeDeleter> code(QRcode_encodeString8bit(z.c_str(), 0, QR_ECLEVEL_M));
    if (!code) return fail("QR code: the text is too long to encode");
    const int modules = code->width + 2 * kQuietModules;
    const int scale = max_side / modules;
    if (scale < 1) return fail("QR code: no room for " + std::to_string(modules) + " modules");
    const int side = modules * scale;
    SurfacePtr s = make_surface(side, side);
    if (!s) return fail("QR code: out of memory");
    SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, 255, 255, 255, 255));
    const Uint32 black = SDL_MapRGBA(s->format, 0, 0, 0, 255);
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x)
            if (code->data[y * code->width + x] & 1) {
                SDL_Rect r{(x + kQuietModules) * scale, (y + kQuietModules) * scale, scale, scale};
                SDL_FillRect(s.get(), &r, black);
            }
    return s;
}

namespace {

// The plate's side once drawn: whole pixels per module, so up to a module's count of pixels
// less than `side` (29 of 227 for a short link at 1920x1080). 0 when `link` cannot be encoded.
float plate_side(const std::string& link, float side) {
    const std::unique_ptr<QRcode, CodeDeleter> code(
        link.empty() || link.find('\0') != std::string::npos
            ? nullptr
            : QRcode_encodeString8bit(link.c_str(), 0, QR_ECLEVEL_M));
    if (!code) return 0;
    const int modules = code->width + 2 * kQuietModules;
    return static_cast<float>(modules * (static_cast<int>(side) / modules));
}

// The label as set under a plate of `side`: wider than the plate when it must be (the line is
// short, and a cut one says nothing), on a second line when even that is not enough (the
// paper's account may have 20 characters).
struct Label {
    text::Block block;
    float x_offset = 0;  // from the plate's left edge
};

Label code_label(const SlideContext& ctx, std::string_view label, float side) {
    text::Style style;
    style.size_px = label_px(ctx.metrics);
    style.line_height = 1.3f;
    style.align = text::Align::Center;
    const float w = std::max(side, side * 1.6f);
    return {text::layout_paragraph(ctx.fonts, label, style, w), (side - w) / 2};
}

float label_gap(const SlideContext& ctx) { return std::round(ctx.metrics.unit * kLabelGapUnits); }

}  // namespace

float code_height(const SlideContext& ctx, const std::string& link, std::string_view label, float side) {
    const float plate = plate_side(link, side);
    if (plate <= 0) return 0;
    return plate + label_gap(ctx) + code_label(ctx, label, side).block.height;
}

float put_code(Scene& scene, const SlideContext& ctx, const std::string& link, std::string_view label, float x,
               float y, float side, Color ink) {
    auto bitmap = qr_bitmap(link, static_cast<int>(side));
    if (!bitmap) return 0;
    const float w = static_cast<float>((*bitmap)->w);
    const float left = std::round(x + (side - w) / 2);
    const Rect box{left, std::round(y), w, w};
    scene.bitmap(box, *bitmap);
    scene.codes.push_back({link, box});
    // Right under the plate as drawn: under `side`, the gap below a short link's plate was
    // counted against the text above it (a notice's text lost a line it had room for).
    const Label under = code_label(ctx, label, side);
    put_block(scene, ctx, under.block, x + under.x_offset, box.y + w + label_gap(ctx), ink, "code");
    return w + label_gap(ctx) + under.block.height;
}

}  // namespace nb::render
