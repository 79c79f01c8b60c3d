// QR codes for a board's "read on your phone" links, through libqrencode: a bitmap of whole
// pixels per module (never resampled, so a phone reads it from a metre or two), on a white
// plate with the four-module quiet zone the standard asks for, and a short line under it.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "render/slide.h"

namespace nb::render {

// The plate's side for a board: about a fifth of the shorter side, which on a 32–55" panel
// is 8–15 cm, enough for a phone at 1–2 m (a code reads at about ten times its width).
float code_side(const Metrics& m);

// The code for `text` as black modules on white with the quiet zone, each module `scale`
// pixels: the largest whole scale whose picture fits in `max_side` pixels.
Result<SurfacePtr> qr_bitmap(std::string_view text, int max_side);

// The code for `link` in a plate no wider than `side` at (x, y), `label` centred right under
// the plate as drawn in `ink`, recorded in scene.codes for layout.json. Returns the height
// used, code_height() (0 if the link cannot be encoded: too long for a QR code, which
// validation already refuses).
float put_code(Scene& scene, const SlideContext& ctx, const std::string& link, std::string_view label, float x,
               float y, float side, Color ink);

// The height put_code() uses, for templates that reserve the room first.
float code_height(const SlideContext& ctx, const std::string& link, std::string_view label, float side);

}  // namespace nb::render
