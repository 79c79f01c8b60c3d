#include "app/layout_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace nb::app {

std::string to_json(const LayoutReport& r) {
    using nlohmann::json;
    auto round2 = [](float v) { return std::round(v * 100.f) / 100.f; };
    auto box = [&](const render::Rect& b) {
        return json{{"x", round2(b.x)}, {"y", round2(b.y)}, {"w", round2(b.w)}, {"h", round2(b.h)}};
    };
    json pages = json::array();
    for (const auto& p : r.pages) {
        json lines = json::array();
        for (const auto& l : p.lines) {
            json line = {{"role", l.role}, {"text", l.text}, {"box", box(l.box)}, {"size", l.size_px},
                         {"font", l.font_file}, {"last", l.paragraph_end}};
            if (l.paragraph >= 0) line["paragraph"] = l.paragraph;
            lines.push_back(std::move(line));
        }
        json codes = json::array();
        for (const auto& c : p.codes) codes.push_back({{"text", c.text}, {"box", box(c.box)}});
        pages.push_back({{"file", p.file},
                         {"slide", p.item_id},
                         {"page", p.number},
                         {"pages", p.count},
                         {"duration", p.duration_s},
                         {"content", box(p.content)},
                         {"block", box(p.block)},
                         {"codes", codes},
                         {"lines", std::move(lines)}});
    }
    json skipped = json::array();
    for (const auto& s : r.skipped) skipped.push_back({{"slide", s.item_id}, {"error", s.error}});
    const json doc = {{"playlist", r.playlist_id},
                      {"sha256", r.playlist_sha256},
                      {"screen", {{"width", r.width}, {"height", r.height}, {"rotate", r.rotate_deg}}},
                      {"at", r.at},
                      {"pages", std::move(pages)},
                      {"skipped", std::move(skipped)}};
    return json_text::dump(doc, 1);
}

}  // namespace nb::app
