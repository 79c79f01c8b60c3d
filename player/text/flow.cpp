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

float frame_height(const std::vector<Block>& paragraphs, const Frame& frame) {
    if (frame.empty()) return 0;
    return frame.back().y + paragraphs[frame.back().paragraph].lines[frame.back().line].height;
}

std::vector<Frame> balance(const std::vector<Block>& paragraphs, const std::vector<Frame>& frames,
                           float paragraph_gap, float max_height) {
    std::vector<Cursor> order;
    for (const Frame& frame : frames)
        for (const PlacedLine& placed : frame) order.push_back({placed.paragraph, placed.line});
    if (order.empty() || frames.size() < 2) return frames;
    // Greedy fill at height `h`; empty when the lines need more frames than there are.
    auto fill = [&](float h) {
        std::vector<Frame> out(1);
        float y = 0;
        for (const Cursor c : order) {
            const Line& line = paragraphs[c.paragraph].lines[c.line];
            float gap = (c.line == 0 && !out.back().empty()) ? paragraph_gap : 0.f;
            if (!out.back().empty() && y + gap + line.height > h + 0.5f) {
                if (out.size() == frames.size()) return std::vector<Frame>{};
                out.emplace_back();
                y = 0;
                gap = 0;
            }
            y += gap;
            out.back().push_back({c.paragraph, c.line, y});
            y += line.height;
        }
        out.resize(frames.size());
        return out;
    };
    std::vector<Frame> best = fill(max_height);
    if (best.empty()) return frames;
    float lo = 0, hi = max_height;
    for (int i = 0; i < 24 && hi - lo > 0.5f; ++i) {
        const float mid = (lo + hi) / 2;
        std::vector<Frame> tried = fill(mid);
        if (tried.empty()) {
            lo = mid;
        } else {
            hi = mid;
            best = std::move(tried);
        }
    }
    return best;
}

}  // namespace nb::text
