#include "text/flow.h"

namespace nb::text {
namespace {

struct Cursor {
    std::size_t paragraph = 0;
    std::size_t line = 0;
};

}  // namespace

std::vector<Frame> flow(const std::vector<Block>& paragraphs, const FlowSpec& spec) {
    // Flatten into a sequence of (paragraph, line) in reading order.
    std::vector<Cursor> order;
    for (std::size_t p = 0; p < paragraphs.size(); ++p)
        for (std::size_t l = 0; l < paragraphs[p].lines.size(); ++l) order.push_back({p, l});

    std::vector<Frame> frames;
    std::size_t next = 0;
    while (next < order.size()) {
        const float height = spec.frame_height(frames.size());
        Frame frame;
        float y = 0;
        std::size_t i = next;
        for (; i < order.size(); ++i) {
            const Cursor c = order[i];
            const Line& line = paragraphs[c.paragraph].lines[c.line];
            const bool starts_paragraph = c.line == 0;
            const float gap = (starts_paragraph && !frame.empty()) ? spec.paragraph_gap : 0.f;
            if (!frame.empty() && y + gap + line.height > height + 0.5f) break;
            y += gap;
            frame.push_back({c.paragraph, c.line, y});
            y += line.height;
        }
        // Orphan: a paragraph's first line alone at the foot of a frame moves on.
        if (i < order.size() && frame.size() > 1) {
            const PlacedLine& last = frame.back();
            const std::size_t lines = paragraphs[last.paragraph].lines.size();
            if (last.line == 0 && lines > 1) {
                frame.pop_back();
                --i;
            }
        }
        // Widow: a paragraph's last line alone at the head of the next frame pulls one more.
        if (i < order.size() && frame.size() > 2) {
            const Cursor c = order[i];
            const std::size_t lines = paragraphs[c.paragraph].lines.size();
            const PlacedLine& last = frame.back();
            if (c.line == lines - 1 && lines >= 3 && last.paragraph == c.paragraph) {
                frame.pop_back();
                --i;
            }
        }
        frames.push_back(std::move(frame));
        next = i;
    }
    return frames;
}

}  // namespace nb::text
