#include "app/layout_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace nb::app {

std::string to_json(const LayoutReport& r) {
    using nlohmann::json;
    auto round2 = [](float v) { return std::round(v * 100.f) / 100.f; };
    json pages = json::array();
    for (const auto& p : r.pages) {
        json lines = json::array();
        for (const auto& l : p.lines)
            lines.push_back({{"role", l.role},
                             {"text", l.text},
                             {"box", {{"x", round2(l.box.x)}, {"y", round2(l.box.y)}, {"w", round2(l.box.w)},
                                      {"h", round2(l.box.h)}}},
                             {"size", l.size_px},
                             {"font", l.font_file}});
        pages.push_back({{"file", p.file},
                         {"slide", p.item_id},
                         {"page", p.number},
                         {"pages", p.count},
                         {"duration", p.duration_s},
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
