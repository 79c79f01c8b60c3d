#include "board_status.h"

#include <nlohmann/json.hpp>

#include "board_auth.h"
#include "core/ids.h"
#include "core/time.h"
#include "playlist/preflight.h"
#include "store.h"

namespace nb::desk::fleet {

namespace {

using J = nlohmann::ordered_json;

constexpr std::size_t kMaxText = 500;

bool short_string(const J& j, std::size_t max = kMaxText) { return j.is_string() && j.get_ref<const std::string&>().size() <= max; }

// Copies `key` into `out` when `ok` says it is well formed; a missing key is left out, a
// malformed one fails the whole status.
template <typename Check>
bool copy(const J& in, J& out, const char* key, Check ok) {
    auto it = in.find(key);
    if (it == in.end()) return true;
    if (!ok(*it)) return false;
    out[key] = *it;
    return true;
}

bool boolean(const J& j) { return j.is_boolean(); }
bool count(const J& j) { return j.is_number_unsigned() || (j.is_number_integer() && j.get<std::int64_t>() >= 0); }
bool id_or_null(const J& j) { return j.is_null() || (j.is_string() && ids::is_id(j.get_ref<const std::string&>())); }
bool temperature(const J& j) { return j.is_null() || (j.is_number() && j.get<double>() > -100 && j.get<double>() < 200); }

bool showing(const J& j) {
    if (j.is_null()) return true;
    if (!j.is_object()) return false;
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() != "playlist_id" && it.key() != "updated" && it.key() != "sha256") return false;
    }
    auto id = j.find("playlist_id"), up = j.find("updated"), sha = j.find("sha256");
    if (id != j.end() && !id_or_null(*id)) return false;
    if (up != j.end() && !(up->is_null() || short_string(*up, 40))) return false;
    if (sha != j.end() && !(sha->is_null() || (sha->is_string() && ids::is_sha256(sha->get_ref<const std::string&>())))) {
        return false;
    }
    return true;
}

bool sync(const J& j) {
    if (j.is_null()) return true;
    if (!j.is_object()) return false;
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        if (k == "result") {
            if (!it->is_string() || (*it != "ok" && *it != "error")) return false;
        } else if (k == "at" || k == "error") {
            if (!it->is_null() && !short_string(*it)) return false;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<std::string> board_of_topic(const std::string& topic) {
    static const std::string prefix = "newsboard/board/", suffix = "/status";
    if (topic.size() <= prefix.size() + suffix.size() || topic.compare(0, prefix.size(), prefix) != 0 ||
        topic.compare(topic.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return std::nullopt;
    }
    std::string id = topic.substr(prefix.size(), topic.size() - prefix.size() - suffix.size());
    if (!is_board_id(id)) return std::nullopt;
    return id;
}

std::optional<CleanStatus> parse_status(const std::string& topic, const std::string& payload) {
    auto board = board_of_topic(topic);
    if (!board || payload.size() > kMaxStatusBytes) return std::nullopt;
    // The player's own first line of defence (UTF-8, nesting depth) before any JSON parser.
    Diagnostics diags;
    if (playlist::preflight(payload, "status", diags) == playlist::Preflight::Failed) return std::nullopt;
    J in = J::parse(payload, nullptr, false);
    if (in.is_discarded() || !in.is_object()) return std::nullopt;
    auto v = in.find("v"), b = in.find("board"), online = in.find("online");
    if (v == in.end() || *v != 1 || b == in.end() || !b->is_string() || *b != *board || online == in.end() ||
        !online->is_boolean()) {
        return std::nullopt;
    }
    CleanStatus out;
    out.board = *board;
    out.online = online->get<bool>();
    if (auto g = in.find("group"); g != in.end()) {
        if (!g->is_string() || !is_group_id(g->get<std::string>())) return std::nullopt;
        out.group = g->get<std::string>();
    }
    if (auto at = in.find("at"); at != in.end()) {
        if (!short_string(*at, 40)) return std::nullopt;
        auto t = parse_timestamp(at->get<std::string>());
        if (!t) return std::nullopt;
        out.at = std::chrono::duration_cast<std::chrono::seconds>(t.value().time_since_epoch()).count();
    }
    if (!out.online) return out;

    J clean = J::object();
    clean["board"] = out.board;
    clean["group"] = out.group;
    bool ok = copy(in, clean, "version", [](const J& j) { return short_string(j, 40); }) &&
              copy(in, clean, "at", [](const J& j) { return short_string(j, 40); }) &&
              copy(in, clean, "showing", showing) && copy(in, clean, "item", id_or_null) && copy(in, clean, "sync", sync) &&
              copy(in, clean, "standby", boolean) && copy(in, clean, "display_off", boolean) &&
              copy(in, clean, "quarantined", boolean) && copy(in, clean, "uptime_s", count) &&
              copy(in, clean, "cache_free_bytes", count) && copy(in, clean, "cpu_temp_c", temperature);
    if (!ok) return std::nullopt;
    out.json = clean.dump(-1, ' ', false, J::error_handler_t::replace);
    return out;
}

}  // namespace nb::desk::fleet
