#include "playlist/validate.h"

#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "playlist/fields.h"
#include "playlist/items.h"
#include "playlist/limits.h"
#include "playlist/names.h"

namespace nb::playlist {
namespace {

constexpr int kVersion = 1;

bool read_version(Checker& c, const Node& root) {
    const auto v = c.member(root, "version");
    if (!v) {
        c.error(root, "missing \"version\": 1");
        return false;
    }
    if (integer_value(*v->json) == kVersion) return true;
    if (v->json->is_number())
        c.error(*v, "version " + describe(*v->json) + " is not supported; this player reads version 1");
    else
        c.error(*v, "expected 1, " + got(*v->json));
    return false;
}

// A time with an offset ("updated", "expires"); nothing when the key is absent.
std::optional<std::pair<std::string, TimePoint>> read_time(Checker& c, const Node& n, bool& ok) {
    if (!n.json->is_string()) {
        c.error(n, "expected a time like \"2019-04-08T07:00:00+08:00\", " + got(*n.json));
        ok = false;
        return std::nullopt;
    }
    std::string text = n.json->get<std::string>();
    auto t = parse_timestamp(text);
    if (!t) {
        c.error(n, t.error() + ", " + got(*n.json));
        ok = false;
        return std::nullopt;
    }
    return std::make_pair(std::move(text), *t);
}

bool read_updated(Checker& c, const Node& root, Playlist& p) {
    bool ok = true;
    const auto n = c.member(root, "updated");
    if (n)
        if (auto t = read_time(c, *n, ok)) std::tie(p.updated_text, p.updated) = std::move(*t);
    const auto e = c.member(root, "expires");
    if (!e) return ok;
    auto t = read_time(c, *e, ok);
    if (!t) return ok;
    if (!p.updated_text.empty() && t->second <= p.updated) {
        c.error(*e, "expires at " + t->first + ", not after \"updated\" (" + p.updated_text +
                        "): the edition would never be shown");
        return false;
    }
    std::tie(p.expires_text, p.expires) = std::move(*t);
    return ok;
}

bool read_timezone(Checker& c, const Node& root, Playlist& p) {
    const auto n = c.member(root, "timezone");
    if (!n) return true;
    if (n->json->is_string() && is_known_time_zone(n->json->get<std::string>())) {
        p.timezone = n->json->get<std::string>();
        return true;
    }
    c.error(*n, "expected an IANA time zone like \"Asia/Shanghai\", " + got(*n->json));
    return false;
}

bool read_defaults(Checker& c, const Node& root, ItemDefaults& d) {
    const auto n = c.member(root, "defaults");
    if (!n) return true;
    if (!n->json->is_object()) {
        c.error(*n, "expected an object with \"duration\" and \"transition\", " + got(*n->json));
        return false;
    }
    check_keys(c, *n, {{"duration", "transition"}});
    bool ok = true;
    if (const auto duration = c.member(*n, "duration")) {
        const auto v = read_duration(c, *duration);
        if (v) d.duration_s = *v;
        ok &= v.has_value();
    }
    if (const auto transition = c.member(*n, "transition")) {
        const auto v = read_enum(c, *transition, kTransitions);
        if (v) d.transition = *v;
        ok &= v.has_value();
    }
    return ok;
}

bool read_items(Checker& c, const Node& root, const ItemDefaults& defaults, MediaReader& media, Playlist& p) {
    const auto n = c.member(root, "items");
    if (!n) {
        c.error(root, "missing \"items\"");
        return false;
    }
    if (!n->json->is_array() || n->json->empty()) {
        c.error(*n, "expected a non-empty list of items, " + got(*n->json));
        return false;
    }
    bool ok = true;
    // Items past the limit are not read: the playlist is refused anyway.
    std::vector<Node> elements = c.elements(*n, limits::kMaxItems + 1);
    if (elements.size() > limits::kMaxItems) {
        c.error(elements[limits::kMaxItems], std::to_string(n->json->size()) + " items; the limit is " +
                                                 std::to_string(limits::kMaxItems));
        elements.pop_back();
        ok = false;
    }
    // id → path and location of its first use. Checked whatever else is wrong with an item,
    // so a duplicate is reported in the same run as the item's other problems.
    std::map<std::string, std::pair<std::string, Location>> ids;
    // A broken item is left out (and reported); it does not take the other items down with it.
    for (const Node& element : elements) {
        if (c.saturated()) break;
        const std::size_t errors_before = c.diagnostics().error_count();
        auto item = read_item(c, element, defaults, media);
        const auto id = c.member(element, "id");
        std::string name = element.path;
        if (id && id->json->is_string()) {
            const std::string value = id->json->get<std::string>();
            name = value;
            const auto [first, inserted] = ids.emplace(value, std::make_pair(element.path, c.at(*id)));
            if (!inserted) {
                const Location& at = first->second.second;
                c.error(*id, "duplicate id " + describe(*id->json) + " (first used by " + first->second.first +
                                 " at " + std::to_string(at.line) + ":" + std::to_string(at.column) + ")");
                item.reset();
            }
        }
        if (item) {
            p.items.push_back(std::move(*item));
        } else {
            const auto& all = c.diagnostics().all();
            std::string reason = "invalid item";
            for (std::size_t i = all.size(); i-- > 0;) {
                if (all[i].severity != Severity::Error) continue;
                if (c.diagnostics().error_count() > errors_before) reason = all[i].message;
                break;
            }
            p.skipped.push_back({name, c.at(element), reason});
        }
    }
    // Nothing left to show refuses the file; each item's own errors already say why.
    if (p.items.empty()) ok = false;
    return ok;
}

bool read_ticker(Checker& c, const Node& root, Playlist& p) {
    const auto n = c.member(root, "ticker");
    if (!n) return true;  // absent: the player uses the item headlines
    if (!n->json->is_array()) {
        c.error(*n, "expected a list of lines (strings), " + got(*n->json));
        return false;
    }
    bool ok = true;
    std::vector<Text> lines;
    std::vector<Node> elements = c.elements(*n, limits::kMaxTickerLines + 1);
    if (elements.size() > limits::kMaxTickerLines) {
        c.error(elements[limits::kMaxTickerLines], std::to_string(n->json->size()) + " lines; the limit is " +
                                                       std::to_string(limits::kMaxTickerLines));
        elements.pop_back();
        ok = false;
    }
    for (const Node& line : elements) {
        auto t = read_text(c, line, {limits::kMaxTickerLine});
        if (t && t->empty()) {
            c.error(line, "a ticker line must not be empty" + blank_note(*t) + " (for no ticker at all, write \"ticker\": [])");
            t.reset();
        }
        if (t)
            lines.push_back(std::move(*t));
        else
            ok = false;
    }
    p.ticker = std::move(lines);
    return ok;
}

}  // namespace

Validity read_playlist(Checker& c, const Node& root, MediaReader& media, Playlist& p) {
    if (!root.json->is_object()) {
        c.error(root, "expected a playlist object {\"version\": 1, \"id\": …, \"items\": […]}, " + got(*root.json));
        return Validity::Invalid;
    }
    // "$schema" lets editors find playlists/schema.json; the player has no use for it.
    check_keys(c, root,
               {{"$schema", "version", "id", "title", "updated", "expires", "timezone", "defaults", "items", "ticker", "follow"}});
    bool ok = read_version(c, root);
    if (const auto id = c.member(root, "id")) {
        const auto v = read_id(c, *id);
        if (v) p.id = *v;
        ok &= v.has_value();
    } else {
        c.error(root, "missing \"id\"");
        ok = false;
    }
    if (const auto title = c.member(root, "title")) {
        auto t = read_text(c, *title, {limits::kMaxTitle});
        if (t) p.title = std::move(*t);
        ok &= t.has_value();
    }
    ok &= read_updated(c, root, p);
    ok &= read_timezone(c, root, p);
    ItemDefaults defaults;
    ok &= read_defaults(c, root, defaults);
    p.default_duration_s = defaults.duration_s;
    p.default_transition = defaults.transition;
    ok &= read_items(c, root, defaults, media, p);
    ok &= read_ticker(c, root, p);
    if (const auto follow = c.member(root, "follow")) {
        auto f = read_follow(c, *follow);
        if (f) p.follow = std::move(*f);
        ok &= f.has_value();
    }
    return ok ? Validity::Valid : Validity::Invalid;
}

}  // namespace nb::playlist
