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

using json_text::string_at;

constexpr const char* kMarkFile = "high-water.json";
constexpr const char* kMarkCopy = "high-water.copy.json";  // the same mark, written second

enum class Read { Missing, Damaged, OtherSource, Ok };

Read read_mark(const std::string& path, const std::string& source, HighWater& mark) {
    if (!file::exists(path)) return Read::Missing;
    auto text = file::read(path, size_limits::kMaxStateFileBytes);
    if (!text) return Read::Damaged;
    const auto j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return Read::Damaged;
    mark = HighWater{string_at(j, "updated"), {}, string_at(j, "sha256")};
    auto t = parse_timestamp(mark.updated_text);
    if (!t || !ids::is_sha256(mark.sha256) || !j.contains("source")) return Read::Damaged;
    if (string_at(j, "source") != source) return Read::OtherSource;
    mark.updated = *t;
    return Read::Ok;
}

constexpr const char* kCrashFile = "crash-loop.json";

std::optional<TimePoint> time_at(const nlohmann::json& j, const char* key) {
    auto t = parse_timestamp(string_at(j, key));
    return t ? std::optional<TimePoint>(*t) : std::nullopt;
}

bool sha_or_none(const std::string& s) {
    return s.empty() || ids::is_sha256(s);
}

std::optional<CrashRecord> parse_crash_record(const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    CrashRecord r;
    if (const auto run = j.find("running"); run != j.end() && !run->is_null()) {
        const auto since = time_at(*run, "since");
        const std::string sha = string_at(*run, "sha256");
        if (!since || !sha_or_none(sha)) return std::nullopt;
        r.running = CrashRecord::Run{sha, *since};
    }
    if (const auto crashes = j.find("crashes"); crashes != j.end()) {
        if (!crashes->is_array()) return std::nullopt;
        for (const auto& c : *crashes) {
            const auto at = time_at(c, "at");
            const std::string sha = string_at(c, "sha256");
            if (!at || !sha_or_none(sha)) return std::nullopt;
            r.crashes.push_back({sha, *at});
        }
    }
    if (const auto q = j.find("quarantined"); q != j.end()) {
        if (!q->is_array()) return std::nullopt;
        for (const auto& sha : *q) {
            if (!sha.is_string() || !ids::is_sha256(sha.get<std::string>())) return std::nullopt;
            r.quarantined.push_back(sha.get<std::string>());
        }
    }
    return r;
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

Result<std::optional<HighWater>> BoardState::high_water(const std::string& source) const {
    // The first of the two copies that reads; a damaged one never counts as "no mark": that
    // would let any older signed edition back on screen.
    const std::string paths[] = {file::join(dir_, kMarkFile), file::join(dir_, kMarkCopy)};
    bool damaged = false;
    for (const std::string& path : paths) {
        HighWater mark;
        switch (read_mark(path, source, mark)) {
            case Read::Ok:
                return std::optional<HighWater>(std::move(mark));
            case Read::OtherSource:  // a board moved to another playlist starts afresh
                return std::optional<HighWater>();
            case Read::Damaged:
                damaged = true;
                break;
            case Read::Missing:
                break;
        }
    }
    if (damaged)
        return fail("state: " + paths[0] + " is damaged (and so is its copy " + paths[1] +
                    "): the newest edition this board took is unknown");
    return std::optional<HighWater>();
}

Status BoardState::set_high_water(const std::string& source, const HighWater& mark) {
    const nlohmann::json j = {{"source", source}, {"updated", mark.updated_text}, {"sha256", mark.sha256}};
    const std::string text = json_text::dump(j);
    for (const char* name : {kMarkFile, kMarkCopy})
        if (Status s = file::write_atomic(file::join(dir_, name), text); !s) return fail("state: " + s.error());
    return success();
}

CrashRecord BoardState::crash_record(bool* damaged) const {
    if (damaged) *damaged = false;
    const std::string path = file::join(dir_, kCrashFile);
    if (!file::exists(path)) return {};
    auto text = file::read(path, size_limits::kMaxStateFileBytes);
    auto r = text ? parse_crash_record(*text) : std::nullopt;
    if (!r && damaged) *damaged = true;
    return r ? std::move(*r) : CrashRecord{};
}

Status BoardState::set_crash_record(const CrashRecord& r, file::Durability durability) {
    nlohmann::json j = nlohmann::json::object();
    if (r.running) j["running"] = {{"sha256", r.running->sha256}, {"since", format_timestamp_utc(r.running->since)}};
    j["crashes"] = nlohmann::json::array();
    for (const auto& c : r.crashes) j["crashes"].push_back({{"sha256", c.sha256}, {"at", format_timestamp_utc(c.at)}});
    j["quarantined"] = r.quarantined;
    if (Status s = file::write_atomic(file::join(dir_, kCrashFile), json_text::dump(j), 0644, durability); !s)
        return fail("state: " + s.error());
    return success();
}

}  // namespace nb::sync
