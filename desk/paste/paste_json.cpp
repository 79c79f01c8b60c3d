#include "paste_json.h"

namespace nb::paste {

namespace {

void put(nlohmann::json& j, const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
}

nlohmann::json item_json(const Item& item, std::size_t n) {
    nlohmann::json j;
    j["id"] = "paste-" + std::to_string(n + 1);
    if (item.kind == ItemKind::Article) {
        j["type"] = "article";
        put(j, "kicker", item.kicker);
        j["headline"] = item.headline;  // required: an empty one shows as an error at the field
        put(j, "subhead", item.subhead);
        put(j, "byline", item.byline);
        j["body"] = item.body;
    } else {
        j["type"] = "photo";
        put(j, "headline", item.headline);
        put(j, "caption", item.caption);
        put(j, "credit", item.credit);
    }
    return j;
}

}  // namespace

nlohmann::json to_json(const Page& page) {
    nlohmann::json items = nlohmann::json::array(), lines = nlohmann::json::array();
    for (std::size_t n = 0; n < page.items.size(); ++n) {
        items.push_back(item_json(page.items[n], n));
        lines.push_back(page.items[n].line);
    }
    nlohmann::json changes = nlohmann::json::array();
    for (const Change& c : page.changes) {
        changes.push_back({{"id", c.id},
                           {"kind", to_string(c.kind)},
                           {"accepted", c.accepted},
                           {"line", c.line},
                           {"column", c.column},
                           {"before", c.before},
                           {"after", c.after},
                           {"context_before", c.context_before},
                           {"context_after", c.context_after},
                           {"at", c.at}});
    }
    nlohmann::json leftovers = nlohmann::json::array();
    for (const Leftover& l : page.leftovers) {
        leftovers.push_back({{"kind", to_string(l.kind)}, {"line", l.line}, {"text", l.text}});
    }
    return {{"items", items}, {"lines", lines}, {"changes", changes}, {"leftovers", leftovers}, {"section", page.section}};
}

std::variant<nlohmann::json, RequestError> answer(const nlohmann::json& request) {
    if (!request.is_object()) return RequestError{"expected a JSON object", ""};
    auto text = request.find("text");
    if (text == request.end() || !text->is_string()) return RequestError{"paste the page's text", "text"};
    std::set<std::string> rejected;
    if (auto reject = request.find("reject"); reject != request.end()) {
        if (!reject->is_array()) return RequestError{"expected a list of change ids", "reject"};
        for (std::size_t i = 0; i < reject->size(); ++i) {
            if (!(*reject)[i].is_string()) {
                return RequestError{"expected a change id", "reject[" + std::to_string(i) + "]"};
            }
            rejected.insert((*reject)[i].get<std::string>());
        }
    }
    auto page = paste(text->get_ref<const std::string&>(), rejected);
    if (!page) return RequestError{page.error(), "text"};
    return to_json(*page);
}

}  // namespace nb::paste
