// Text layout on arbitrary UTF-8 at arbitrary sizes and widths, through the bundled fonts.
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "core/utf8.h"
#include "entries.h"
#include "text/cascade.h"
#include "text/flow.h"
#include "text/layout.h"

namespace nb::fuzz {
namespace {

using namespace nb::text;

// The bundled fonts only: a system font would make a saved input mean something else on
// another machine.
const FontCascade& fonts() {
    static const FontCascade cascade = [] {
        auto made = FontCascade::create(SystemFallback::Ignore);
        if (!made) {
            std::fprintf(stderr, "newsboard fuzz: %s\n", made.error().c_str());
            std::abort();
        }
        return std::move(*made);
    }();
    return cascade;
}

// The promises of layout.h's Line and Block.
std::string check_block(const Block& block, std::string_view text, float max_width) {
    std::string joined;
    for (const Line& line : block.lines) {
        joined += line.text;
        std::set<std::uint32_t> clusters;
        for (const Glyph& g : line.glyphs) clusters.insert(g.cluster);
        if (clusters.size() < 2) continue;  // a single character may be wider than the line
        for (const Glyph& g : line.glyphs) {
            const float left = line.x + g.x, right = left + g.advance;
            if (left < -0.01f || right > max_width + 0.5f)
                return "a glyph outside the line's width (" + std::to_string(left) + ".." + std::to_string(right) +
                       " in " + std::to_string(max_width) + ")";
            if (g.cluster >= line.text.size()) return "a glyph's cluster past its line's text";
        }
    }
    if (joined != text) return "the lines do not give the paragraph back";
    return "";
}

struct Input {
    Style style;
    float width = 0;
    int frame_lines = 1;
    std::vector<std::string> paragraphs;  // split at form feeds; valid UTF-8
};

Input read_input(std::string_view input) {
    Input in;
    unsigned char b[4] = {};
    for (std::size_t i = 0; i < 4 && i < input.size(); ++i) b[i] = static_cast<unsigned char>(input[i]);
    in.style.size_px = 4 + b[0] % 200;
    in.width = static_cast<float>((b[1] << 8) | b[2]) / 16.f;  // 0 to 4096 px, in sixteenths
    in.style.align = static_cast<Align>(b[3] & 3);
    in.style.indent = (b[3] & 4) ? Indent::TwoEm : Indent::None;
    in.style.weight = (b[3] & 8) ? Weight::Bold : Weight::Regular;
    in.style.line_height = 1.f + static_cast<float>((b[3] >> 4) & 3) / 4.f;
    in.frame_lines = 1 + (b[3] >> 6);
    // Text reaches layout validated (playlist/preflight): ill-formed bytes become U+FFFD.
    const std::string text = utf8::encode(utf8::decode(input.size() > 4 ? input.substr(4) : std::string_view()));
    std::size_t start = 0;
    for (std::size_t ff = text.find('\f'); ; ff = text.find('\f', start)) {
        in.paragraphs.push_back(text.substr(start, ff == std::string::npos ? std::string::npos : ff - start));
        if (ff == std::string::npos) break;
        start = ff + 1;
    }
    return in;
}

}  // namespace

std::string layout_entry(std::string_view input) {
    const Input in = read_input(input);

    std::vector<Block> blocks;
    for (const std::string& paragraph : in.paragraphs) {
        blocks.push_back(layout_paragraph(fonts(), paragraph, in.style, in.width));
        if (std::string broken = check_block(blocks.back(), paragraph, in.width); !broken.empty()) return broken;

        const std::u32string cps = utf8::decode(paragraph);
        std::size_t previous = 0;
        for (const Missing& m : missing_glyphs(fonts(), paragraph)) {
            if (m.index >= cps.size() || cps[m.index] != m.cp || m.index < previous)
                return "a missing glyph reported at the wrong index";
            if (fonts().has_glyph(m.cp)) return "a glyph reported missing that a face has";
            previous = m.index;
        }
    }

    // A headline: the largest size that fits three lines.
    const std::string& headline = in.paragraphs.front();
    const Fitted fitted = fit_text(fonts(), headline, in.style, in.width, 3, 8, in.style.size_px);
    if (fitted.size_px < 8 || fitted.size_px > std::max(8, in.style.size_px)) return "fit_text out of its range";
    if (fitted.fits && fitted.block.lines.size() > 3) return "fit_text fits in more lines than allowed";
    if (std::string broken = check_block(fitted.block, headline, in.width); !broken.empty()) return "fit_text: " + broken;

    // A body through frames a few lines high: every line placed once, in order.
    FlowSpec spec;
    const float line_height = blocks.front().lines.empty() ? 1.f : blocks.front().lines.front().height;
    spec.frame_height = [&](std::size_t) { return line_height * static_cast<float>(in.frame_lines); };
    spec.paragraph_gap = line_height / 2;
    std::size_t p = 0, l = 0;
    for (const Frame& frame : flow(blocks, spec)) {
        if (frame.empty()) return "flow made an empty frame";
        for (const PlacedLine& placed : frame) {
            while (p < blocks.size() && l >= blocks[p].lines.size()) ++p, l = 0;
            if (placed.paragraph != p || placed.line != l) return "flow placed a line out of order";
            ++l;
        }
    }
    while (p < blocks.size() && l >= blocks[p].lines.size()) ++p, l = 0;
    if (p != blocks.size()) return "flow left lines out";
    return "";
}

}  // namespace nb::fuzz
