// Flowing laid-out paragraphs through a sequence of frames (columns on pages), so a body
// that does not fit is paginated, never cut. Pure data: which line goes where.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "text/layout.h"

namespace nb::text {

struct PlacedLine {
    std::size_t paragraph = 0;  // index into the paragraphs passed in
    std::size_t line = 0;       // index into that paragraph's Block::lines
    float y = 0;                // top of the line box within its frame
};

using Frame = std::vector<PlacedLine>;

struct FlowSpec {
    // Height of frame i (0-based). Called for as many frames as the text needs.
    std::function<float(std::size_t frame)> frame_height;
    float paragraph_gap = 0;  // extra space between paragraphs (not at a frame's top)
};

// Places every line of every paragraph exactly once, in order. Keeps a paragraph's first
// line from standing alone at a frame's foot and its last line alone at a frame's head
// when the paragraph has lines to spare. A line taller than a whole frame still gets a
// frame of its own, so the flow always ends.
std::vector<Frame> flow(const std::vector<Block>& paragraphs, const FlowSpec& spec);

// The lines of `frames` (the columns of an article's last page, say) set again into as
// many frames, each as short as it can be while all still fit in `max_height`: columns
// that end together rather than one full and one half empty. Order is kept.
std::vector<Frame> balance(const std::vector<Block>& paragraphs, const std::vector<Frame>& frames,
                           float paragraph_gap, float max_height);

// The height of the lines placed in a frame (0 when empty).
float frame_height(const std::vector<Block>& paragraphs, const Frame& frame);

}  // namespace nb::text
