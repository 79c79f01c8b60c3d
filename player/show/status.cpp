#include "show/status.h"

#include <nlohmann/json.hpp>

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
    j["sync"] = {{"time", nullptr}, {"result", nullptr}};
    j["last_error"] = or_null(s.last_error);
    return j.dump(2) + "\n";
}

}  // namespace nb::show
