#include "playlist/items.h"

#include <algorithm>

#include "core/utf8.h"
#include "playlist/fields.h"
#include "playlist/limits.h"
#include "playlist/names.h"
#include "playlist/schedule_read.h"

namespace nb::playlist {
namespace {

const std::vector<std::string_view> kCommonKeys = {"id", "type", "duration", "transition", "priority", "schedule"};

// The keys each type reads, besides the common ones.
std::vector<std::string_view> type_keys(ItemType t) {
    switch (t) {
        case ItemType::Article: return {"kicker", "headline", "subhead", "byline", "body", "link"};
        case ItemType::Photo: return {"image", "fit", "focus", "headline", "caption", "credit", "link"};
        case ItemType::Notice: return {"headline", "text", "link"};
        // One headline (the index and the ticker show the gallery as one item), its pictures.
        case ItemType::Gallery: return {"kicker", "headline", "pictures", "fit", "motion", "link"};
        case ItemType::Index: return {"headline"};
        // headline: for the index and the ticker; caption: shown over the picture.
        case ItemType::Image: return {"image", "fit", "focus", "headline", "caption"};
    }
    return {};
}

std::vector<std::string_view> all_type_keys() {
    std::vector<std::string_view> out;
    for (const auto& [name, type] : kTypes)
        for (std::string_view k : type_keys(type))
            if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
    return out;
}

// Reads an optional text member into `out`; false if it is present and wrong.
bool optional_text(Checker& c, const Node& item, std::string_view key, TextRule rule, Text& out) {
    const auto n = c.member(item, key);
    if (!n) return true;
    auto t = read_text(c, *n, rule);
    if (t) out = std::move(*t);
    return t.has_value();
}

bool required_text(Checker& c, const Node& item, std::string_view key, TextRule rule, Text& out, const char* type) {
    if (!c.member(item, key)) {
        c.error(item, "missing \"" + std::string(key) + "\" (" + type + " items need one)");
        return false;
    }
    if (!optional_text(c, item, key, rule, out)) return false;
    if (out.empty()) {
        c.error(*c.member(item, key), "\"" + std::string(key) + "\" must not be empty" + blank_note(out));
        return false;
    }
    return true;
}

bool read_body(Checker& c, const Node& item, Item& out) {
    const auto body = c.member(item, "body");
    if (!body) {
        c.error(item, "missing \"body\" (article items need a list of paragraphs)");
        return false;
    }
    if (!body->json->is_array() || body->json->empty()) {
        c.error(*body, "expected a non-empty list of paragraphs (strings), " + got(*body->json));
        return false;
    }
    bool ok = true;
    std::size_t total = 0;
    // Every paragraph holds at least one character, so past kMaxBody paragraphs the body is
    // over the limit whatever they hold: no need to read the rest.
    const std::vector<Node> paragraphs = c.elements(*body, limits::kMaxBody + 1);
    for (const Node& paragraph : paragraphs) {
        if (c.saturated()) break;
        auto t = read_text(c, paragraph, {limits::kMaxParagraph, Newlines::Allowed});
        if (!t) {
            ok = false;
            continue;
        }
        if (t->empty()) {
            c.error(paragraph, "a paragraph must not be empty" + blank_note(*t));
            ok = false;
            continue;
        }
        total += utf8::length(t->value);
        out.body.push_back(std::move(*t));
    }
    if (total > limits::kMaxBody) {
        const std::string count = paragraphs.size() < body->json->size() ? "more than " + std::to_string(total)
                                                                           : std::to_string(total);
        c.error(*body, count + " characters in all; the limit is " + std::to_string(limits::kMaxBody));
        ok = false;
    }
    return ok;
}

// "pictures": [{"image": …, "caption": "…", "credit": "…"}, …]
bool read_pictures(Checker& c, const Node& item, MediaReader& media, Item& out) {
    const auto list = c.member(item, "pictures");
    if (!list) {
        c.error(item, "missing \"pictures\" (gallery items need a list of pictures)");
        return false;
    }
    if (!list->json->is_array() || list->json->size() < limits::kMinPictures ||
        list->json->size() > limits::kMaxPictures) {
        c.error(*list, "expected a list of " + std::to_string(limits::kMinPictures) + " to " +
                           std::to_string(limits::kMaxPictures) + " pictures ({\"image\": …, \"caption\": …}), " +
                           got(*list->json) + (list->json->is_array() ? " with " + std::to_string(list->json->size()) : ""));
        return false;
    }
    bool ok = true;
    const TextRule short_text{limits::kMaxShortText};
    for (const Node& p : c.elements(*list, limits::kMaxPictures)) {
        if (c.saturated()) break;
        if (!p.json->is_object()) {
            c.error(p, "expected a picture ({\"image\": …, \"caption\": …, \"credit\": …}), " + got(*p.json));
            ok = false;
            continue;
        }
        check_keys(c, p, {{"image", "focus", "caption", "credit"}});
        Picture picture;
        bool one = true;
        if (const auto image = c.member(p, "image")) {
            auto m = media.read(c, *image);
            if (m) picture.image = std::move(*m);
            one &= m.has_value();
        } else {
            c.error(p, "missing \"image\" (each picture needs one)");
            one = false;
        }
        if (const auto focus = c.member(p, "focus")) {
            picture.focus = read_focus(c, *focus);
            one &= picture.focus.has_value();
        }
        one &= optional_text(c, p, "caption", short_text, picture.caption);
        one &= optional_text(c, p, "credit", short_text, picture.credit);
        if (one) out.pictures.push_back(std::move(picture));
        ok &= one;
    }
    return ok;
}

bool read_type_fields(Checker& c, const Node& n, MediaReader& media, Item& item) {
    const TextRule headline{limits::kMaxHeadline};
    const TextRule short_text{limits::kMaxShortText};
    bool ok = true;
    const auto image = [&](const char* type) {
        const auto node = c.member(n, "image");
        if (!node) {
            c.error(n, std::string("missing \"image\" (") + type + " items need one)");
            return false;
        }
        item.image = media.read(c, *node);
        bool fit_ok = true;
        if (const auto fit = c.member(n, "fit")) {
            const auto f = read_enum(c, *fit, kFits);
            if (f) item.fit = *f;
            fit_ok = f.has_value();
        }
        if (const auto focus = c.member(n, "focus")) {
            item.focus = read_focus(c, *focus);
            fit_ok &= item.focus.has_value();
        }
        return item.image.has_value() && fit_ok;
    };
    switch (item.type) {
        case ItemType::Article:
            ok &= required_text(c, n, "headline", headline, item.headline, "article");
            ok &= optional_text(c, n, "kicker", short_text, item.kicker);
            ok &= optional_text(c, n, "subhead", short_text, item.subhead);
            ok &= optional_text(c, n, "byline", short_text, item.byline);
            ok &= read_body(c, n, item);
            break;
        case ItemType::Photo:
            ok &= image("photo");
            ok &= optional_text(c, n, "headline", headline, item.headline);
            ok &= optional_text(c, n, "caption", short_text, item.caption);
            ok &= optional_text(c, n, "credit", short_text, item.credit);
            break;
        case ItemType::Notice:
            ok &= optional_text(c, n, "headline", headline, item.headline);
            ok &= optional_text(c, n, "text", short_text, item.text);
            if (ok && item.headline.empty() && item.text.empty()) {
                c.error(n, "a notice needs a \"headline\" or a \"text\"");
                ok = false;
            }
            break;
        case ItemType::Index: ok &= optional_text(c, n, "headline", headline, item.headline); break;
        case ItemType::Gallery:
            ok &= required_text(c, n, "headline", headline, item.headline, "gallery");
            ok &= optional_text(c, n, "kicker", short_text, item.kicker);
            ok &= read_pictures(c, n, media, item);
            if (const auto fit = c.member(n, "fit")) {
                const auto f = read_enum(c, *fit, kFits);
                if (f) item.fit = *f;
                ok &= f.has_value();
            }
            if (const auto motion = c.member(n, "motion")) {
                const auto m = read_enum(c, *motion, kMotions);
                if (m) item.motion = *m;
                ok &= m.has_value();
            }
            break;
        case ItemType::Image:
            ok &= image("image");
            ok &= optional_text(c, n, "headline", headline, item.headline);
            ok &= optional_text(c, n, "caption", short_text, item.caption);
            break;
    }
    if (const auto link = c.member(n, "link")) {
        auto l = read_link(c, *link);
        if (l) item.link = std::move(*l);
        ok &= l.has_value();
    }
    return ok;
}

}  // namespace

std::optional<Item> read_item(Checker& c, const Node& n, const ItemDefaults& defaults, MediaReader& media) {
    if (!n.json->is_object()) {
        c.error(n, "expected an item (an object with \"id\" and \"type\"), " + got(*n.json));
        return std::nullopt;
    }
    Item item;
    item.where = c.at(n);
    item.duration_s = defaults.duration_s;
    item.transition = defaults.transition;
    bool ok = true;

    std::optional<ItemType> type;
    if (const auto t = c.member(n, "type")) {
        type = read_enum(c, *t, kTypes);
    } else {
        c.error(n, "missing \"type\" (\"article\", \"photo\", \"notice\", \"index\", \"image\" or \"gallery\")");
    }
    ok &= type.has_value();

    // With an unknown type every item key is plausible, so only true typos are flagged.
    KeyRules keys{kCommonKeys};
    const std::vector<std::string_view> own = type ? type_keys(*type) : all_type_keys();
    keys.allowed.insert(keys.allowed.end(), own.begin(), own.end());
    if (type) {
        for (std::string_view k : all_type_keys())
            if (std::find(own.begin(), own.end(), k) == own.end()) keys.elsewhere.push_back(k);
        keys.owner = std::string(to_string(*type)) + " items";
    }
    check_keys(c, n, keys);

    if (const auto id = c.member(n, "id")) {
        const auto value = read_id(c, *id);
        if (value) item.id = *value;
        ok &= value.has_value();
    } else {
        c.error(n, "missing \"id\"");
        ok = false;
    }
    if (const auto d = c.member(n, "duration")) {
        const auto value = read_duration(c, *d);
        if (value) item.duration_s = *value;
        ok &= value.has_value();
    }
    if (const auto t = c.member(n, "transition")) {
        const auto value = read_enum(c, *t, kTransitions);
        if (value) item.transition = *value;
        ok &= value.has_value();
    }
    if (const auto p = c.member(n, "priority")) {
        const auto value = read_enum(c, *p, kPriorities);
        if (value) item.priority = *value;
        ok &= value.has_value();
    }
    if (const auto s = c.member(n, "schedule")) {
        auto value = read_schedule(c, *s);
        if (value) item.schedule = std::move(*value);
        ok &= value.has_value();
    }
    if (type) {
        item.type = *type;
        ok &= read_type_fields(c, n, media, item);
    }
    if (!ok) return std::nullopt;
    return item;
}

}  // namespace nb::playlist
