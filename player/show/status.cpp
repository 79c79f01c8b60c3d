#include "show/status.h"

#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace nb::show {
namespace {

nlohmann::json or_null(const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

std::string status_json(const StatusInfo& s) {
    nlohmann::json j;
    j["mode"] = s.mode;
    j["source"] = s.source;
    j["board_id"] = s.board_id.empty() ? nlohmann::json() : nlohmann::json(s.board_id);
    if (s.playlist_id)
        j["playlist"] = {
            {"id", *s.playlist_id}, {"updated", or_null(s.playlist_updated)}, {"sha256", or_null(s.playlist_sha256)}};
    else
        j["playlist"] = nullptr;
    if (s.item_id)
        j["item"] = {{"id", *s.item_id}, {"page", s.page}, {"pages", s.pages}};
    else
        j["item"] = nullptr;
    j["standby"] = s.standby;
    j["paused"] = s.paused;
    j["display_off_until"] = or_null(s.display_off_until);
    j["panel"] = s.panel;
    if (s.sync)
        j["sync"] = {{"time", s.sync->last_attempt.empty() ? nlohmann::json() : nlohmann::json(s.sync->last_attempt)},
                     {"result", s.sync->result.empty() ? nlohmann::json() : nlohmann::json(s.sync->result)},
                     {"last_success", or_null(s.sync->last_success)},
                     {"validator", or_null(s.sync->validator)},
                     {"error", or_null(s.sync->error)},
                     {"next_in_s", s.sync->next_in_s},
                     {"bytes", s.sync->bytes},
                     {"elapsed_ms", s.sync->elapsed_ms},
                     {"authenticated", s.sync->authenticated},
                     {"playlist", s.sync->playlist_id ? nlohmann::json{{"id", *s.sync->playlist_id},
                                                                       {"updated", or_null(s.sync->playlist_updated)},
                                                                       {"sha256", or_null(s.sync->playlist_sha256)}}
                                                      : nlohmann::json()},
                     {"quarantined", or_null(s.sync->quarantined)}};
    else
        j["sync"] = nullptr;
    j["last_error"] = or_null(s.last_error);
    j["quarantined"] = or_null(s.quarantined);
    j["warnings"] = s.warnings;
    return json_text::dump(j, 2);
}

}  // namespace nb::show
