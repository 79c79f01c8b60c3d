#include "fleet_routes.h"

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "board_auth.h"
#include "core/file.h"
#include "core/ids.h"
#include "core/image_header.h"
#include "core/time.h"
#include "csv.h"
#include "desk.h"
#include "fleet_store.h"
#include "render/image.h"
#include "session.h"
#include "sign/fleet_bytes.h"

namespace nb::desk {

using namespace fleet;

namespace {

constexpr std::uint64_t kMaxPlaysBody = 1024 * 1024;       // docs/fleet.md
constexpr std::size_t kMaxPlays = 1000;
constexpr std::uint64_t kMaxScreenshotBytes = 512 * 1024;
constexpr std::uint32_t kMaxScreenshotSide = 640;
constexpr std::int64_t kMaxDurationMs = 24LL * 3600 * 1000;

std::int64_t unix_now() { return std::chrono::duration_cast<std::chrono::seconds>(nb::now().time_since_epoch()).count(); }

std::string iso(std::int64_t unix_seconds) { return format_timestamp_utc(TimePoint(Seconds(unix_seconds))); }

std::string string_field(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Reply refuse(const std::string& why) {
    return error_reply(401, "board_refused", "board refused: " + why);
}

BoardHeaders headers_of(const Call& call) {
    return {call.header("X-Board"), call.header("X-Board-Time"), call.header("X-Board-Nonce"),
            call.header("X-Board-Signature")};
}

// The whole check, body included; nullopt when the request is the approved board's own.
std::optional<Reply> verify_board(Desk& desk, const Call& call) {
    if (auto r = board_gate(desk, call)) return r;
    BoardHeaders h = headers_of(call);
    auto b = fleet::board(desk.store, h.board);
    auto key = b ? parse_board_key(b->key) : std::nullopt;
    if (!key) return refuse("unknown board");
    if (!verify_detached(*key, sign::board_request_bytes(call.method, call.path, h.time, h.nonce, call.body), h.signature)) {
        return refuse("the signature does not match");
    }
    // After the signature, so a forger cannot use up a board's nonces.
    if (!remember_nonce(desk.store, h.nonce, unix_now())) return refuse("this nonce was already used (a replay)");
    return std::nullopt;
}

// A uuid as boards write it: 8-4-4-4-12 hex digits; lowercased.
std::optional<std::string> uuid_of(const Json& j) {
    if (!j.is_string()) return std::nullopt;
    std::string s = j.get<std::string>();
    if (s.size() != 36) return std::nullopt;
    for (std::size_t i = 0; i < s.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char& c = s[i];
        if (dash) {
            if (c != '-') return std::nullopt;
        } else if (c >= 'A' && c <= 'F') {
            c = static_cast<char>(c - 'A' + 'a');
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return std::nullopt;
        }
    }
    return s;
}

// One play, or the reason it is refused.
std::variant<Play, std::string> play_of(const Json& p, const std::string& board) {
    if (!p.is_object()) return std::string("a play is an object");
    Play out;
    out.board = board;
    auto uuid = p.contains("uuid") ? uuid_of(p["uuid"]) : std::nullopt;
    if (!uuid) return std::string("uuid: 8-4-4-4-12 hex digits");
    out.uuid = *uuid;
    out.item = string_field(p, "item");
    if (!ids::is_id(out.item)) return std::string("item: an item id");
    out.playlist = string_field(p, "playlist");
    if (!ids::is_id(out.playlist)) return std::string("playlist: a playlist id");
    out.sha256 = string_field(p, "sha256");
    if (!ids::is_sha256(out.sha256)) return std::string("sha256: 64 lowercase hex digits");
    auto start = parse_timestamp(string_field(p, "start"));
    if (!start) return std::string("start: an RFC 3339 time");
    out.start = format_timestamp_utc(std::chrono::floor<Seconds>(start.value()));
    auto d = p.find("duration_ms");
    if (d == p.end() || !d->is_number_integer() || d->get<std::int64_t>() < 0 || d->get<std::int64_t>() > kMaxDurationMs) {
        return std::string("duration_ms: 0 to 86400000");
    }
    out.duration_ms = d->get<std::int64_t>();
    return out;
}

Reply post_plays(Desk& desk, Call& call) {
    if (auto r = verify_board(desk, call)) return *r;
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    const std::string board = call.header("X-Board");
    if (string_field(*body, "board") != board) return refuse("\"board\" must be the board that signs (X-Board)");
    auto plays = body->find("plays");
    if (plays == body->end() || !plays->is_array()) return error_reply(400, "plays_invalid", "plays: a list", "plays");
    if (plays->size() > kMaxPlays) return error_reply(413, "plays_too_many", "at most 1000 plays per request", "plays");
    std::vector<Play> good;
    int rejected = 0;
    std::string first_error;
    for (std::size_t i = 0; i < plays->size(); ++i) {
        auto p = play_of((*plays)[i], board);
        if (auto* e = std::get_if<std::string>(&p)) {
            // Skipped, not fatal: one damaged line must not hold a board's journal back forever.
            if (rejected++ == 0) first_error = "plays[" + std::to_string(i) + "]." + *e;
            continue;
        }
        good.push_back(std::get<Play>(p));
    }
    auto added = add_plays(desk.store, good, unix_now());
    Json out{{"accepted", added.accepted}, {"duplicates", added.duplicates}};
    if (rejected > 0) {
        out["rejected"] = rejected;
        out["error"] = first_error;
    }
    return json_reply(out);
}

std::string hex_name(const std::string& id) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : id) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string screenshot_path(const Desk& desk, const std::string& id) { return desk.dir.screenshots_dir() + "/" + hex_name(id); }

Status make_dirs(const std::string& path) {
    for (std::size_t at = path.find('/', 1);; at = path.find('/', at + 1)) {
        std::string part = at == std::string::npos ? path : path.substr(0, at);
        if (::mkdir(part.c_str(), 0750) != 0 && errno != EEXIST) return fail("cannot make " + part + ": " + std::strerror(errno));
        if (at == std::string::npos) return success();
    }
}

// Serialises decoding (as media.cpp does): a screenshot is small, but many boards at once
// must not decode side by side.
std::mutex screenshot_decoding;

Reply post_screenshot(Desk& desk, Call& call) {
    if (auto r = verify_board(desk, call)) return *r;
    const std::string& id = call.params[0];
    if (id != call.header("X-Board")) return refuse("a board may only send its own screenshot");
    std::string type = call.header("Content-Type");
    auto info = read_image_header(call.body);
    if (!info || (info->format != ImageFormat::Jpeg && info->format != ImageFormat::Png)) {
        return error_reply(415, "screenshot_type", "a screenshot is a JPEG or a PNG");
    }
    const char* ext = info->format == ImageFormat::Jpeg ? "jpg" : "png";
    if (type != (info->format == ImageFormat::Jpeg ? "image/jpeg" : "image/png")) {
        return error_reply(415, "screenshot_type_mismatch", "Content-Type does not match the picture's bytes");
    }
    if (info->width > kMaxScreenshotSide || info->height > kMaxScreenshotSide || info->width == 0 || info->height == 0) {
        return error_reply(422, "screenshot_too_big", "a screenshot is at most 640 pixels on its long side");
    }
    if (auto s = make_dirs(desk.dir.screenshots_dir()); !s) throw std::runtime_error(s.error());
    const std::string staged = desk.dir.tmp_dir() + "/screenshot." + hex_name(id);
    if (auto s = file::write_atomic(staged, call.body, 0640); !s) throw std::runtime_error(s.error());
    {
        std::lock_guard<std::mutex> lock(screenshot_decoding);
        auto decoded = render::load_image(staged, {64, 64, render::Fit::Contain, 1024});
        if (!decoded) {
            ::unlink(staged.c_str());
            return error_reply(422, "screenshot_damaged", "the screenshot is damaged: " + decoded.error());
        }
    }
    if (auto s = file::publish(staged, screenshot_path(desk, id)); !s) throw std::runtime_error(s.error());
    set_screenshot(desk.store, id, ext, unix_now());
    return json_reply({{"stored", true}});
}

Reply get_screenshot(Desk& desk, const Call& call) {
    auto b = fleet::board(desk.store, call.params[0]);
    if (!b || b->screenshot_type.empty()) return error_reply(404, "no_screenshot", "no screenshot of this board yet");
    auto bytes = file::read(screenshot_path(desk, b->id), kMaxScreenshotBytes);
    if (!bytes) return error_reply(404, "no_screenshot", "no screenshot of this board yet");
    Reply r;
    r.content_type = b->screenshot_type == "png" ? "image/png" : "image/jpeg";
    r.body = std::move(bytes.value());
    return r;
}

Reply request_screenshot(Desk& desk, Call& call) {
    auto b = fleet::board(desk.store, call.params[0]);
    if (!b || b->state != BoardState::Approved)
        return error_reply(404, "no_board", "no approved board " + call.params[0]);
    std::string request = random_token().substr(0, 16);
    if (!desk.doorbell->request_screenshot(b->id, request)) {
        return error_reply(503, "broker_down", "the broker is not connected: the board cannot be asked now");
    }
    audit(desk, call, "fleet.screenshot", b->id, request);
    return json_reply({{"request", request}}, 202);
}

Reply enrol_board(Desk& desk, Call& call) {
    {
        std::lock_guard<std::mutex> lock(desk.enrols.mutex);
        auto now = RateLimiter::Clock::now();
        if (desk.enrols.by_address.retry_after(call.client.address, now).count() > 0) {
            return error_reply(429, "enrol_limited", "too many enrolments from this address: try again later");
        }
        desk.enrols.by_address.record_failure(call.client.address, now);  // every try counts
    }
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    std::string id = string_field(*body, "board"), key = string_field(*body, "key"), group = string_field(*body, "group");
    if (!is_board_id(id)) return error_reply(400, "board_id_invalid", "board: 1 to 64 of A-Z a-z 0-9 . _ -", "board");
    if (!parse_board_key(key))
        return error_reply(400, "board_key_invalid", "key: base64 of a 32-byte Ed25519 public key", "key");
    if (!is_group_id(group)) return error_reply(400, "group_id_invalid", "group: a group id", "group");
    // As for any group a request names (a URL's G, an urgent notice's groups): an unknown one
    // is 404. Stored, the board would wait for approval into a group that gets no editions.
    if (!desk.store.find_group(group)) return error_reply(404, "no_group", "group: the desk has no group " + group, "group");
    switch (enrol(desk.store, id, key, group, unix_now())) {
        case EnrolOutcome::Added:
            desk.store.audit(AuditEntry{0, "", "", call.client.address, "fleet.enrol", id, group});
            return json_reply({{"board", id}, {"state", "pending"}}, 202);
        case EnrolOutcome::Known: {
            auto b = fleet::board(desk.store, id);
            return json_reply({{"board", id}, {"state", b ? to_string(b->state) : "pending"}}, b && b->state == BoardState::Approved ? 200 : 202);
        }
        case EnrolOutcome::Conflict:
            desk.store.audit(AuditEntry{0, "", "", call.client.address, "fleet.enrol.conflict", id, group});
            return error_reply(409, "board_key_conflict",
                               "this board id is enrolled with another key: staff must revoke it first", "key");
        case EnrolOutcome::Full:
            return error_reply(507, "fleet_full", "the desk holds as many boards as it may");
    }
    return error_reply(500, "enrol_failed", "enrolment failed");
}

// Forgets a board (its key, status and screenshot; its plays stay): the id may enrol again,
// with a new key — the way to replace a board's key.
Reply forget_board(Desk& desk, Call& call) {
    auto b = fleet::board(desk.store, call.params[0]);
    if (!b) return error_reply(404, "no_board", "no board " + call.params[0]);
    forget(desk.store, b->id);
    ::unlink(screenshot_path(desk, b->id).c_str());
    audit(desk, call, "fleet.forget", b->id);
    return json_reply(Json::object());
}

Reply decide_board(Desk& desk, Call& call, BoardState state) {
    auto b = fleet::board(desk.store, call.params[0]);
    if (!b) return error_reply(404, "no_board", "no board " + call.params[0]);
    decide(desk.store, b->id, state, call.user().name, unix_now());
    audit(desk, call, state == BoardState::Approved ? "fleet.approve" : "fleet.revoke", b->id);
    return json_reply({{"board", b->id}, {"state", to_string(state)}});
}

int minute_of_day(std::int64_t unix_seconds) {
    time_t t = static_cast<time_t>(unix_seconds);
    struct tm local{};
    localtime_r(&t, &local);
    return local.tm_hour * 60 + local.tm_min;
}

Json rule_json(const Group& g, const AlertRule& r) {
    return {{"id", g.id},
            {"name", g.name},
            {"offline_after_s", r.offline_after_s},
            {"quiet_from", format_clock(r.quiet_from)},
            {"quiet_to", format_clock(r.quiet_to)}};
}

struct Published {
    std::int64_t latest = 0;
    std::string latest_sha;
    std::map<std::string, std::int64_t> by_sha;
};

Reply list_boards(Desk& desk) {
    const std::int64_t now = unix_now();
    const int minute = minute_of_day(now);
    std::map<std::string, Published> published;
    std::map<std::string, AlertRule> rules;
    Json groups = Json::array();
    for (const auto& g : desk.store.groups()) {
        Published p;
        for (const auto& e : desk.store.editions(g.id)) {
            if (p.latest == 0) {
                p.latest = e.number;
                p.latest_sha = e.sha256;
            }
            p.by_sha.emplace(e.sha256, e.number);
        }
        published[g.id] = p;
        rules[g.id] = alert_rule(desk.store, g.id);
        groups.push_back(rule_json(g, rules[g.id]));
    }
    std::map<std::string, StoredStatus> status;
    for (auto& s : statuses(desk.store)) status.emplace(s.board, std::move(s));

    Json out = Json::array();
    auto add = [&](const std::string& id, const Board* b, const StoredStatus* s) {
        Json j;
        j["id"] = id;
        std::string group = b ? b->group : s->group;
        j["group"] = group;
        j["state"] = b ? to_string(b->state) : "unenrolled";
        if (b) {
            if (auto k = parse_board_key(b->key)) j["key_id"] = k->id();
            j["enrolled_at"] = iso(b->enrolled_at);
            j["conflict"] = !b->conflict_key.empty();
            if (!b->screenshot_type.empty()) j["screenshot_at"] = iso(b->screenshot_at);
        }
        bool online = s && s->online && !is_offline(s->online, s->seen, now);
        j["online"] = online;
        j["last_seen"] = s && s->seen > 0 ? Json(iso(s->seen)) : Json(nullptr);
        Json st = s && !s->status.empty() ? Json::parse(s->status, nullptr, false) : Json(nullptr);
        if (st.is_discarded()) st = nullptr;
        j["status"] = st;
        // What it shows against what was published: only the latest edition is "current".
        const Published& p = published[group];
        Json edition{{"published", p.latest == 0 ? Json(nullptr) : Json(p.latest)}, {"showing", nullptr}};
        std::string verdict = "unknown";
        if (st.is_object() && st.contains("showing") && st["showing"].is_object() && st["showing"].contains("sha256") &&
            st["showing"]["sha256"].is_string()) {
            std::string sha = st["showing"]["sha256"].get<std::string>();
            auto n = p.by_sha.find(sha);
            if (n != p.by_sha.end()) edition["showing"] = n->second;
            verdict = sha == p.latest_sha ? "current" : (n != p.by_sha.end() ? "stale" : "foreign");
        } else if (st.is_object()) {
            verdict = "nothing";
        }
        edition["verdict"] = verdict;
        j["edition"] = edition;
        Json errors = Json::array();
        if (st.is_object() && st.contains("sync") && st["sync"].is_object() && st["sync"].value("result", "") == "error") {
            errors.push_back(st["sync"].value("error", "sync failed"));
        }
        if (st.is_object() && st.value("quarantined", false)) errors.push_back("a playlist is quarantined");
        if (b && !b->conflict_key.empty()) errors.push_back("another key tried to enrol with this id");
        j["errors"] = errors;
        auto rule = rules.count(group) ? rules[group] : AlertRule{};
        j["alert"] = s != nullptr && should_alert(rule, s->online, s->seen, now, minute);
        out.push_back(j);
    };
    std::map<std::string, bool> listed;
    for (const auto& b : boards(desk.store)) {
        auto it = status.find(b.id);
        add(b.id, &b, it == status.end() ? nullptr : &it->second);
        listed[b.id] = true;
    }
    for (const auto& [id, s] : status) {
        if (!listed.count(id)) add(id, nullptr, &s);
    }
    return json_reply({{"boards", out}, {"groups", groups}, {"now", iso(now)}});
}

Reply set_alerts(Desk& desk, Call& call) {
    auto g = desk.store.find_group(call.params[0]);
    if (!g) return error_reply(404, "no_group", "no group " + call.params[0]);
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    AlertRule r;
    auto after = body->find("offline_after_s");
    if (after == body->end() || !after->is_number_integer() || *after < 60 || *after > 7 * 86400) {
        return error_reply(400, "offline_after_invalid", "offline_after_s: 60 to 604800 seconds", "offline_after_s");
    }
    r.offline_after_s = after->get<std::int64_t>();
    std::string from = string_field(*body, "quiet_from"), to = string_field(*body, "quiet_to");
    if (!from.empty() || !to.empty()) {
        auto f = parse_clock(from), t = parse_clock(to);
        if (!f) return error_reply(400, "quiet_hours_invalid", "quiet_from: HH:MM, or both empty", "quiet_from");
        if (!t) return error_reply(400, "quiet_hours_invalid", "quiet_to: HH:MM, or both empty", "quiet_to");
        r.quiet_from = *f;
        r.quiet_to = *t;
    }
    set_alert_rule(desk.store, g->id, r);
    audit(desk, call, "fleet.alerts", g->id, std::to_string(r.offline_after_s) + " s " + from + "-" + to);
    return json_reply(rule_json(*g, r));
}

// "2026-12-04T10" or a full time → the hour it falls in, as stored ("…T10:00:00Z").
std::optional<std::string> hour_param(const std::string& text) {
    auto t = parse_timestamp(text);
    if (!t) return std::nullopt;
    return format_timestamp_utc(std::chrono::floor<std::chrono::hours>(t.value())).substr(0, 13) + ":00:00Z";
}

Reply plays_report(Desk& desk, const Call& call) {
    const std::int64_t now = unix_now();
    auto from = hour_param(call.query_or("from", iso(now - 24 * 3600)));
    auto to = hour_param(call.query_or("to", iso(now + 3600)));
    if (!from) return error_reply(400, "plays_range_invalid", "from: an RFC 3339 time", "from");
    if (!to) return error_reply(400, "plays_range_invalid", "to: an RFC 3339 time", "to");
    std::string board = call.query_or("board", "");
    if (!board.empty() && !is_board_id(board))
        return error_reply(400, "board_id_invalid", "board: a board id", "board");
    auto rows = play_report(desk.store, *from, *to, board, 100000);
    if (call.query_or("format", "json") == "csv") {
        std::string csv = csv_row({"hour", "item", "board", "plays", "seconds"});
        for (const auto& r : rows) {
            csv += csv_row({r.hour, r.item, r.board, std::to_string(r.plays), std::to_string(r.duration_ms / 1000)});
        }
        Reply reply;
        reply.content_type = "text/csv; charset=utf-8";
        reply.body = csv;
        reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"plays.csv\"");
        return reply;
    }
    Json out = Json::array();
    for (const auto& r : rows) {
        out.push_back({{"hour", r.hour}, {"item", r.item}, {"board", r.board}, {"plays", r.plays}, {"duration_ms", r.duration_ms}});
    }
    return json_reply({{"from", *from}, {"to", *to}, {"rows", out}});
}

}  // namespace

std::optional<Reply> board_gate(Desk& desk, const Call& call) {
    BoardHeaders h = headers_of(call);
    if (auto e = check_board_headers(h, unix_now())) return refuse(*e);
    auto b = fleet::board(desk.store, h.board);
    if (!b) return refuse("unknown board " + h.board);
    if (b->state == BoardState::Pending) return refuse("board " + h.board + " is waiting for staff to approve it");
    if (b->state == BoardState::Revoked) return refuse("board " + h.board + " is revoked");
    return std::nullopt;
}

void add_fleet_routes(Router& router, Desk& desk) {
    const std::string board = "/api/fleet/boards/([A-Za-z0-9_-][A-Za-z0-9._-]{0,63})";
    router.add("POST", "/api/fleet/enrol", {Access::Anyone, Body::Json, 4096}, [&desk](Call& c) { return enrol_board(desk, c); });
    router.add("POST", "/api/fleet/plays", {Access::Board, Body::Json, kMaxPlaysBody}, [&desk](Call& c) { return post_plays(desk, c); });
    router.add("POST", board + "/screenshot", {Access::Board, Body::Bytes, kMaxScreenshotBytes},
               [&desk](Call& c) { return post_screenshot(desk, c); });
    router.add("GET", board + "/screenshot", {Access::Staff, Body::None, 0}, [&desk](Call& c) { return get_screenshot(desk, c); });
    router.add("POST", board + "/screenshot-request", {Access::Publisher, Body::None, 0},
               [&desk](Call& c) { return request_screenshot(desk, c); });
    router.add("POST", board + "/approve", {Access::Admin, Body::None, 0},
               [&desk](Call& c) { return decide_board(desk, c, BoardState::Approved); });
    router.add("POST", board + "/revoke", {Access::Admin, Body::None, 0},
               [&desk](Call& c) { return decide_board(desk, c, BoardState::Revoked); });
    router.add("DELETE", board, {Access::Admin, Body::None, 0}, [&desk](Call& c) { return forget_board(desk, c); });
    router.add("GET", "/api/fleet/boards", {Access::Staff, Body::None, 0}, [&desk](Call&) { return list_boards(desk); });
    router.add("PUT", "/api/fleet/groups/([^/]{1,64})/alerts", {Access::Admin, Body::Json, 4096},
               [&desk](Call& c) { return set_alerts(desk, c); });
    router.add("GET", "/api/fleet/plays", {Access::Staff, Body::None, 0}, [&desk](Call& c) { return plays_report(desk, c); });
}

}  // namespace nb::desk
