// layout.json: for each rendered page, the slide id, page number and every laid-out text
// line with its text, box, size and font file. Tests read it to check typography without
// looking at pixels.
#pragma once

#include <string>
#include <vector>

#include "render/scene.h"

namespace nb::app {

struct RenderedPage {
    std::string file;  // "001.png"
    std::string item_id;
    int number = 1, count = 1;
    int duration_s = 0;
    std::vector<render::TextRecord> lines;  // page text first, then the masthead and ticker
    render::Rect content;  // the area between masthead and ticker the templates compose in
    render::Rect block;    // what the page's own text covers (page number aside); 0×0 if none
    std::vector<render::CodeRecord> codes;  // QR codes: what each encodes and its box
};

struct Skipped {
    std::string item_id;
    std::string error;
};

struct LayoutReport {
    std::string playlist_id;
    std::string playlist_sha256;
    int width = 0, height = 0, rotate_deg = 0;
    std::string at;  // the instant rendered, UTC
    std::vector<RenderedPage> pages;
    std::vector<Skipped> skipped;
};

std::string to_json(const LayoutReport& report);

}  // namespace nb::app
