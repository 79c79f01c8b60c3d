#include "fleet/status_message.h"

#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace nb::fleet {
namespace {

nlohmann::json or_null(const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

std::string status_topic(const std::string& board) {
    return "newsboard/board/" + board + "/status";
}
std::string doorbell_topic(const std::string& group) {
    return "newsboard/group/" + group + "/doorbell";
}
std::string screenshot_topic(const std::string& board) {
    return "newsboard/board/" + board + "/screenshot";
}

StatusMessage status_message(const std::string& board, const std::string& group, const std::string& version,
                             const show::Showing& s, const std::optional<show::SyncReport>& sync,
                             const MachineFacts& m, TimePoint at) {
    nlohmann::json j;
    j["v"] = 1;
    j["board"] = board;
    j["group"] = group.empty() ? nlohmann::json() : nlohmann::json(group);
    j["online"] = true;
    j["version"] = version;
    if (s.state == show::Showing::State::Showing && s.playlist_id && s.item_id)  // on screen, not being prepared
        j["showing"] = {{"playlist_id", *s.playlist_id},
                        {"updated", or_null(s.playlist_updated)},
                        {"sha256", or_null(s.playlist_sha256)}};
    else
        j["showing"] = nullptr;
    j["item"] = or_null(s.item_id);
    if (sync && !sync->last_attempt.empty())  // null too before the first attempt ends
        j["sync"] = {{"result", sync->result == "failed" ? "error" : "ok"},
                     {"at", sync->last_attempt},
                     {"error", or_null(sync->error)}};
    else
        j["sync"] = nullptr;
    j["standby"] = s.state == show::Showing::State::Standby;
    j["display_off"] = s.display_off_until.has_value();
    j["quarantined"] = s.quarantined.has_value();  // as the status file says (show::Showing)
    StatusMessage out;
    {
        // The sync's time moves with every poll: not a change by itself.
        nlohmann::json key = j;
        if (key["sync"].is_object()) key["sync"].erase("at");
        out.key = json_text::dump(key, -1);
    }
    j["at"] = format_timestamp_utc(at);
    j["uptime_s"] = m.uptime_s;
    j["cache_free_bytes"] = m.cache_free_bytes;
    j["cpu_temp_c"] = m.cpu_temp_c ? nlohmann::json(*m.cpu_temp_c) : nlohmann::json();
    out.payload = json_text::dump(j, -1);
    out.payload.pop_back();  // dump()'s newline: not part of a message
    return out;
}

std::string offline_payload(const std::string& board) {
    std::string text = json_text::dump(nlohmann::json{{"v", 1}, {"board", board}, {"online", false}}, -1);
    text.pop_back();
    return text;
}

}  // namespace nb::fleet
