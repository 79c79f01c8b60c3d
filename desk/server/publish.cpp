#include "publish.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "core/file.h"
#include "core/sha256.h"
#include "desk.h"
#include "sign/sign.h"
#include "validate.h"

namespace nb::desk {

namespace {

std::optional<std::int64_t> mtime_of(const std::string& path) {
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return static_cast<std::int64_t>(st.st_mtim.tv_sec);
}

std::int64_t unix_now() { return std::chrono::duration_cast<std::chrono::seconds>(nb::now().time_since_epoch()).count(); }

Status set_mtime(const std::string& path, std::int64_t seconds) {
    struct timespec times[2];
    times[0].tv_sec = static_cast<time_t>(seconds);
    times[0].tv_nsec = 0;
    times[1] = times[0];
    if (::utimensat(AT_FDCWD, path.c_str(), times, 0) != 0) return fail(path + ": " + std::strerror(errno));
    return success();
}

// Writes `bytes` to DIR/tmp, gives it its mtime, then moves it over `target` (file::publish:
// fsync, rename, fsync of the folder), so the file appears whole with its final mtime.
Status replace_public(const Desk& desk, const std::string& target, const std::string& bytes, const std::string& staged_name) {
    const std::string staged = desk.dir.tmp_dir() + "/" + staged_name;
    if (auto s = file::write_atomic(staged, bytes, 0644); !s) return s;
    if (auto s = set_mtime(staged, next_mtime(mtime_of(target), unix_now())); !s) return s;
    return file::publish(staged, target);
}

Status make_dir(const std::string& path) {
    if (::mkdir(path.c_str(), 0755) == 0 || errno == EEXIST) return success();
    return fail("cannot make " + path + ": " + std::strerror(errno));
}

std::optional<TimePoint> updated_of(const std::string& body) {
    auto j = Json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("updated") || !j["updated"].is_string()) return std::nullopt;
    auto t = parse_timestamp(j["updated"].get<std::string>());
    if (!t) return std::nullopt;
    return *t;
}

// Every picture must be pinned, a photo's and each of a gallery's: a board with trusted keys
// refuses an unpinned one. The first unpinned picture, as a problem at its field.
std::optional<Problem> unpinned_picture(const Json& playlist) {
    const std::string why = "this picture is not pinned by its sha256: upload it through the desk";
    if (!playlist.contains("items") || !playlist["items"].is_array()) return std::nullopt;
    const auto pinned = [](const Json& image) { return image.is_object() && image.contains("sha256"); };
    const auto& items = playlist["items"];
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!items[i].is_object()) continue;
        const std::string at = "items[" + std::to_string(i) + "]";
        if (items[i].contains("image") && !pinned(items[i]["image"])) return Problem{Severity::Error, at + ".image", why};
        if (!items[i].contains("pictures") || !items[i]["pictures"].is_array()) continue;
        const auto& pictures = items[i]["pictures"];
        for (std::size_t k = 0; k < pictures.size(); ++k)
            if (pictures[k].is_object() && pictures[k].contains("image") && !pinned(pictures[k]["image"]))
                return Problem{Severity::Error, at + ".pictures[" + std::to_string(k) + "].image", why};
    }
    return std::nullopt;
}

}  // namespace

const char* to_string(EditionKind k) {
    switch (k) {
        case EditionKind::Publish: return "publish";
        case EditionKind::Restore: return "restore";
        case EditionKind::Urgent: return "urgent";
    }
    return "publish";
}

TimePoint next_updated(std::optional<TimePoint> previous, TimePoint now) {
    if (previous && now <= *previous) return *previous + Seconds(1);
    return now;
}

std::int64_t next_mtime(std::optional<std::int64_t> old_mtime, std::int64_t now) {
    if (old_mtime && now <= *old_mtime) return *old_mtime + 1;
    return now;
}

std::variant<Published, Reply> publish(Desk& desk, const std::string& group, Json playlist, const std::string& user,
                                       EditionKind kind, const std::string& note) {
    std::lock_guard<std::mutex> lock(desk.publishing);
    const std::int64_t previous_number = desk.store.latest_edition(group);
    std::optional<TimePoint> previous;
    if (previous_number > 0) {
        if (auto e = desk.store.edition(group, previous_number)) previous = updated_of(e->body);
    }
    const TimePoint updated = next_updated(previous, std::chrono::floor<Seconds>(nb::now()));

    playlist.erase("$schema");
    playlist["version"] = 1;
    playlist["id"] = group;
    playlist["updated"] = format_timestamp_utc(updated);
    const std::string bytes = playlist.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";

    const std::string public_json = desk.dir.public_dir() + "/" + group + ".json";
    Checked checked = check_playlist(bytes, public_json);
    // Listed first among the problems, as every refused publish lists them (it had none).
    const auto unpinned = unpinned_picture(playlist);
    if (unpinned) checked.problems.insert(checked.problems.begin(), *unpinned);
    if (unpinned || !checked.publishable()) {
        std::string at, message = "the playlist has errors: fix them before publishing";
        for (const auto& p : checked.problems) {
            if (p.severity == Severity::Error) {
                at = p.at;
                message = unpinned ? p.message : "cannot publish: " + (p.at.empty() ? p.message : p.at + ": " + p.message);
                break;
            }
        }
        Reply r = error_reply(422, unpinned ? "picture_not_pinned" : "publish_has_errors", message, at);
        Json j = Json::parse(r.body);
        j["problems"] = problems_json(checked.problems);
        return json_reply(j, 422);
    }

    const std::string signature = sign::sign(bytes, desk.key);
    const std::string sha = sha256_hex(bytes);
    const std::int64_t number = previous_number + 1;

    // The edition's own files first: they never change once written.
    const std::string editions = desk.dir.editions_dir() + "/" + group;
    if (auto s = make_dir(desk.dir.editions_dir()); !s) throw std::runtime_error(s.error());
    if (auto s = make_dir(editions); !s) throw std::runtime_error(s.error());
    const std::string edition_path = editions + "/" + std::to_string(number) + ".json";
    if (auto s = file::write_atomic(edition_path + ".sig", signature, 0444); !s) throw std::runtime_error(s.error());
    if (auto s = file::write_atomic(edition_path, bytes, 0444); !s) throw std::runtime_error(s.error());

    Edition e{group, number, bytes, sha, user, format_timestamp_utc(nb::now()), to_string(kind), note};
    e = desk.store.add_edition(e);

    // Then what boards see: the signature before the playlist it signs.
    if (auto s = replace_public(desk, public_json + ".sig", signature, group + ".json.sig.staged"); !s) {
        throw std::runtime_error(s.error());
    }
    if (auto s = replace_public(desk, public_json, bytes, group + ".json.staged"); !s) throw std::runtime_error(s.error());
    desk.doorbell->ring(Ring{group, e.number, sha, format_timestamp_utc(updated)});
    return Published{e.number, sha, format_timestamp_utc(updated)};
}

}  // namespace nb::desk
