#include "new_group.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "playlist/parse.h"
#include "validate.h"

namespace nb::desk {

std::string starter_draft(const Group& g) {
    nlohmann::ordered_json j;
    j["version"] = 1;
    j["id"] = g.id;
    j["title"] = g.name;
    j["timezone"] = "Asia/Shanghai";
    j["items"] = nlohmann::ordered_json::array({{{"id", "welcome"}, {"type", "notice"}, {"headline", g.name}}});
    return j.dump(2);
}

std::optional<std::string> group_name_problem(const Group& g) {
    // Before the draft is made: JSON cannot carry broken UTF-8 (a command line can).
    if (!utf8::is_valid(g.name)) return "not valid UTF-8";
    Diagnostics diags;
    playlist::parse(starter_draft(g), "starter draft", playlist::MediaCheck::Structure, diags);
    for (const auto& d : diags.all()) {
        // The title is checked first; the headline repeats the name, so one message is enough.
        if (d.severity == Severity::Error) return split_path(d.message).second;
    }
    return std::nullopt;
}

}  // namespace nb::desk
