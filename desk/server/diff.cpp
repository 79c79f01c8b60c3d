#include "diff.h"

#include <algorithm>
#include <map>
#include <set>

namespace nb::desk {

namespace {

// The keys whose values differ between two objects (either may lack a key).
std::vector<std::string> differing_keys(const Json& a, const Json& b, const std::set<std::string>& ignore) {
    std::set<std::string> keys;
    for (const auto* o : {&a, &b}) {
        if (!o->is_object()) continue;
        for (auto it = o->begin(); it != o->end(); ++it) keys.insert(it.key());
    }
    std::vector<std::string> out;
    for (const auto& k : keys) {
        if (ignore.count(k)) continue;
        const bool in_a = a.is_object() && a.contains(k), in_b = b.is_object() && b.contains(k);
        if (in_a != in_b || (in_a && a[k] != b[k])) out.push_back(k);
    }
    return out;
}

std::vector<std::pair<std::string, const Json*>> items_of(const Json& p) {
    std::vector<std::pair<std::string, const Json*>> out;
    if (!p.is_object() || !p.contains("items") || !p["items"].is_array()) return out;
    for (const auto& item : p["items"]) {
        std::string id = item.is_object() && item.contains("id") && item["id"].is_string() ? item["id"].get<std::string>() : "";
        out.emplace_back(id, &item);
    }
    return out;
}

// The items that keep their relative order: the longest common subsequence of the two
// orders. The rest moved (moving one item to the front moves one item, not all the others).
std::set<std::string> kept_in_order(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<int>> len(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
        for (std::size_t j = m; j-- > 0;) {
            len[i][j] = a[i] == b[j] ? len[i + 1][j + 1] + 1 : std::max(len[i + 1][j], len[i][j + 1]);
        }
    }
    std::set<std::string> kept;
    for (std::size_t i = 0, j = 0; i < n && j < m;) {
        if (a[i] == b[j]) {
            kept.insert(a[i]);
            ++i;
            ++j;
        } else if (len[i + 1][j] >= len[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
    return kept;
}

const char* op_name(Change::Op op) {
    switch (op) {
        case Change::Op::Added: return "added";
        case Change::Op::Removed: return "removed";
        case Change::Op::Changed: return "changed";
        case Change::Op::Moved: return "moved";
    }
    return "changed";
}

}  // namespace

std::vector<Change> diff_playlists(const Json& older, const Json& newer) {
    std::vector<Change> out;
    auto top = differing_keys(older, newer, {"items", "updated", "$schema"});
    if (!top.empty()) out.push_back({Change::Op::Changed, "", top});

    auto before = items_of(older), after = items_of(newer);
    std::map<std::string, const Json*> old_by_id, new_by_id;
    for (const auto& [id, j] : before) old_by_id.emplace(id, j);
    for (const auto& [id, j] : after) new_by_id.emplace(id, j);

    std::vector<std::string> old_common, new_common;
    for (const auto& [id, j] : before) {
        if (new_by_id.count(id)) old_common.push_back(id);
    }
    for (const auto& [id, j] : after) {
        if (old_by_id.count(id)) new_common.push_back(id);
    }
    const std::set<std::string> kept = kept_in_order(old_common, new_common);
    for (const auto& [id, j] : before) {
        if (!new_by_id.count(id)) out.push_back({Change::Op::Removed, id, {}});
    }
    for (std::size_t i = 0; i < after.size(); ++i) {
        const auto& [id, j] = after[i];
        auto old = old_by_id.find(id);
        if (old == old_by_id.end()) {
            out.push_back({Change::Op::Added, id, {}});
            continue;
        }
        auto fields = differing_keys(*old->second, *j, {});
        if (!fields.empty()) out.push_back({Change::Op::Changed, id, fields});
        if (!kept.count(id)) out.push_back({Change::Op::Moved, id, {}});
    }
    return out;
}

Json changes_json(const std::vector<Change>& changes) {
    Json out = Json::array();
    for (const auto& c : changes) {
        Json j{{"op", op_name(c.op)}, {"id", c.id}};
        if (!c.fields.empty()) j["fields"] = c.fields;
        out.push_back(std::move(j));
    }
    return out;
}

}  // namespace nb::desk
