#include "sync/state.h"

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/file.h"
#include "core/ids.h"
#include "core/json_text.h"
#include "core/limits.h"

namespace nb::sync {
namespace {

std::string string_at(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string default_state_dir() {
    // systemd's StateDirectory=newsboard sets STATE_DIRECTORY to /var/lib/newsboard.
    return file::service_dir("STATE_DIRECTORY", "XDG_STATE_HOME", ".local/state/newsboard", "/var/lib/newsboard");
}

Result<BoardState> BoardState::open(std::string dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail("state: cannot create " + dir + ": " + ec.message() + " (see --state)");
    return BoardState(std::move(dir));
}

std::optional<HighWater> BoardState::high_water(const std::string& source) const {
    auto text = file::read(file::join(dir_, "high-water.json"), size_limits::kMaxStateFileBytes);
    if (!text) return std::nullopt;
    const auto j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || string_at(j, "source") != source) return std::nullopt;
    HighWater mark{string_at(j, "updated"), {}, string_at(j, "sha256")};
    auto t = parse_timestamp(mark.updated_text);
    if (!t || !ids::is_sha256(mark.sha256)) return std::nullopt;
    mark.updated = *t;
    return mark;
}

Status BoardState::set_high_water(const std::string& source, const HighWater& mark) {
    const nlohmann::json j = {{"source", source}, {"updated", mark.updated_text}, {"sha256", mark.sha256}};
    if (Status s = file::write_atomic(file::join(dir_, "high-water.json"), json_text::dump(j)); !s)
        return fail("state: " + s.error());
    return success();
}

}  // namespace nb::sync
