// A gallery picture's slow pan-and-zoom (Ken Burns), where the board has a GPU to draw it
// each frame. The page keeps the picture and its box; the painter (show/drift_painter.h)
// draws the part drift_view() gives for the moment over the page as prepared. Pure: the view
// is a function of time alone, so it is tested without a screen.
#pragma once

#include "render/image.h"
#include "render/scene.h"

namespace nb::render {

struct Drift {
    Rect box;            // where the picture sits on the page, logical px
    SurfacePtr picture;  // the picture as drawn there (already cut to the box's shape)
    Focus toward;        // the point the view closes in on; it stays where it is on screen
};

// How much closer the view comes at the height of its move: slow enough to read as calm.
inline constexpr float kDriftZoom = 1.08f;

// The part of a w×h picture to show at `t` (0..1 through the page's time), in the picture's
// pixels. The whole picture at 0 and at 1, so the transitions in and out (which show the page
// as prepared) join it without a jump; in between it closes in smoothly on `toward`, up to
// kDriftZoom at the middle, and draws back. Always inside the picture, always its shape.
Rect drift_view(float w, float h, float t, Focus toward);

// A different point for each picture of a gallery when none is given, so neighbours do not
// all move alike: the thirds' crossings in turn.
Focus drift_toward(int picture_index);

}  // namespace nb::render
