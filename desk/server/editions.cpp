// Publishing and history: POST /api/groups/G/publish, GET /api/groups/G/editions[/N[/diff]],
// POST /api/groups/G/editions/N/restore, POST /api/urgent.
#include <algorithm>

#include "core/utf8.h"
#include "desk.h"
#include "diff.h"
#include "groups_path.h"
#include "publish.h"

namespace nb::desk {

namespace {

constexpr auto kMaxUrgentLifetime = std::chrono::hours(24 * 30);

Json edition_json(const Edition& e) {
    return {{"number", e.number},       {"sha256", e.sha256}, {"published_by", e.published_by},
            {"published_at", e.published_at}, {"kind", e.kind},     {"note", e.note}};
}

Reply published_reply(const Published& p) {
    return json_reply({{"edition", p.edition}, {"sha256", p.sha256}, {"updated", p.updated}});
}

std::optional<std::int64_t> number_param(const std::string& s) {
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return std::stoll(s);
}

Reply publish_draft(Desk& desk, Call& call) {
    const std::string& group = call.params[0];
    // The page names the revision it showed, so a save since is a 409, never published unseen.
    // desk.md's publish has no body: the draft as it is now.
    std::optional<std::int64_t> revision;
    if (call.body.find_first_not_of(" \t\r\n") != std::string::npos) {
        Reply bad;
        auto body = parse_json_body(call, bad);
        if (!body) return bad;
        if (body->contains("revision")) {
            revision = revision_field(*body, bad);
            if (!revision) return bad;
        }
    }
    auto d = desk.store.draft(group);
    if (!d) return error_reply(404, "no_group", "no group " + group);
    if (revision && d->revision != *revision) return revision_refused(*revision, *d);
    auto playlist = Json::parse(d->body, nullptr, false);
    if (!playlist.is_object()) return error_reply(422, "draft_not_playlist", "the draft is not a playlist");
    auto result = publish(desk, group, playlist, call.user().name, EditionKind::Publish, "draft revision " + std::to_string(d->revision));
    if (auto* r = std::get_if<Reply>(&result)) return *r;
    const auto& p = std::get<Published>(result);
    audit(desk, call, "publish", group, "edition " + std::to_string(p.edition) + " from draft revision " + std::to_string(d->revision));
    return published_reply(p);
}

Reply list_editions(Desk& desk, const Call& call) {
    if (!desk.store.find_group(call.params[0])) return error_reply(404, "no_group", "no group " + call.params[0]);
    Json out = Json::array();
    for (const auto& e : desk.store.editions(call.params[0])) out.push_back(edition_json(e));
    return json_reply({{"editions", out}});
}

std::optional<Edition> find_edition(Desk& desk, const Call& call, Reply& error) {
    auto n = number_param(call.params[1]);
    auto e = n ? desk.store.edition(call.params[0], *n) : std::nullopt;
    if (!e) error = error_reply(404, "no_edition", "no edition " + call.params[1] + " of " + call.params[0]);
    return e;
}

Reply get_edition(Desk& desk, const Call& call) {
    Reply error;
    auto e = find_edition(desk, call, error);
    if (!e) return error;
    Json j = edition_json(*e);
    j["playlist"] = Json::parse(e->body, nullptr, false);
    return json_reply(j);
}

Reply diff_edition(Desk& desk, const Call& call) {
    Reply error;
    auto e = find_edition(desk, call, error);
    if (!e) return error;
    std::string against = call.query_or("against", std::to_string(e->number - 1));
    auto n = number_param(against);
    if (!n) return error_reply(400, "edition_invalid", "against: an edition number");
    Json older = Json::object();
    if (*n > 0) {
        auto o = desk.store.edition(e->group, *n);
        if (!o) return error_reply(404, "no_edition", "no edition " + against + " of " + e->group);
        older = Json::parse(o->body, nullptr, false);
    }
    Json newer = Json::parse(e->body, nullptr, false);
    return json_reply({{"edition", e->number}, {"against", *n}, {"changes", changes_json(diff_playlists(older, newer))}});
}

Reply restore(Desk& desk, Call& call) {
    Reply error;
    auto e = find_edition(desk, call, error);
    if (!e) return error;
    auto result = publish(desk, e->group, Json::parse(e->body), call.user().name, EditionKind::Restore,
                          "edition " + std::to_string(e->number));
    if (auto* r = std::get_if<Reply>(&result)) return *r;
    const auto& p = std::get<Published>(result);
    audit(desk, call, "restore", e->group, "edition " + std::to_string(e->number) + " as edition " + std::to_string(p.edition));
    return published_reply(p);
}

// Saves of the draft racing the urgent notice's own: each lost race is a save by someone else.
constexpr int kUrgentDraftAttempts = 20;

// A notice id not yet in `items`: urgent-20261204-0912, then -2, -3 …
std::string urgent_id(const Json& items, TimePoint now) {
    std::string stamp = format_timestamp_utc(now);  // 2026-12-04T09:12:33Z
    std::string base = "urgent-" + stamp.substr(0, 4) + stamp.substr(5, 2) + stamp.substr(8, 2) + "-" + stamp.substr(11, 2) +
                       stamp.substr(14, 2) + stamp.substr(17, 2);
    auto taken = [&](const std::string& id) {
        for (const auto& item : items) {
            if (item.is_object() && item.value("id", "") == id) return true;
        }
        return false;
    };
    std::string id = base;
    for (int n = 2; taken(id); ++n) id = base + "-" + std::to_string(n);
    return id;
}

Reply urgent(Desk& desk, Call& call) {
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    TextFields field(*body);
    std::string headline = field("headline"), text = field("text"), expires = field("expires");
    if (auto e = field.error()) return *e;
    // Blank is empty, by the boards' own rule: a headline of spaces would make a notice every
    // board leaves out of the edition.
    if (utf8::is_blank(headline)) headline.clear();
    if (utf8::is_blank(text)) text.clear();
    if (headline.empty() && text.empty())
        return error_reply(400, "urgent_empty", "an urgent notice needs a headline or a text", "headline");
    if (expires.empty()) return error_reply(400, "expires_missing", "an urgent notice needs an expiry", "expires");
    auto until = parse_timestamp(expires);
    if (!until) return error_reply(400, "expires_invalid", "expires: " + until.error(), "expires");
    const TimePoint now = std::chrono::floor<Seconds>(nb::now());
    if (*until <= now) return error_reply(400, "expires_past", "the expiry is in the past", "expires");
    if (*until - now > kMaxUrgentLifetime)
        return error_reply(400, "expires_too_far", "an urgent notice lasts at most 30 days", "expires");

    std::vector<Group> targets;
    auto groups = body->find("groups");
    if (groups != body->end() && groups->is_string() && *groups == "all") {
        targets = desk.store.groups();
    } else if (groups != body->end() && groups->is_array() && !groups->empty()) {
        for (const auto& g : *groups) {
            auto found = g.is_string() ? desk.store.find_group(g.get<std::string>()) : std::nullopt;
            if (!found)
                return error_reply(404, "no_group", "no group " + (g.is_string() ? g.get<std::string>() : g.dump()),
                                   "groups");
            // A group named twice gets one notice, not two editions of it.
            if (std::none_of(targets.begin(), targets.end(), [&](const Group& t) { return t.id == found->id; }))
                targets.push_back(*found);
        }
    } else {
        return error_reply(400, "groups_missing", "say which groups: a list of ids, or \"all\"", "groups");
    }
    if (targets.empty()) return error_reply(400, "groups_missing", "the desk has no groups yet", "groups");

    Json done = Json::array(), failed = Json::array();
    for (const auto& g : targets) {
        // On top of what boards show now (or the draft, before the first edition).
        std::int64_t latest = desk.store.latest_edition(g.id);
        auto base_edition = latest > 0 ? desk.store.edition(g.id, latest) : std::nullopt;
        auto draft = desk.store.draft(g.id);
        Json playlist = Json::parse(base_edition ? base_edition->body : (draft ? draft->body : "{}"), nullptr, false);
        if (!playlist.is_object()) playlist = Json::object();
        if (!playlist.contains("items") || !playlist["items"].is_array()) playlist["items"] = Json::array();
        Json notice{{"id", urgent_id(playlist["items"], now)}, {"type", "notice"}, {"priority", "urgent"}};
        if (!headline.empty()) notice["headline"] = headline;
        if (!text.empty()) notice["text"] = text;
        notice["schedule"] = {{"until", expires}};
        playlist["items"].insert(playlist["items"].begin(), notice);
        auto result = publish(desk, g.id, playlist, call.user().name, EditionKind::Urgent, headline.empty() ? text : headline);
        if (auto* r = std::get_if<Reply>(&result)) {
            auto why = Json::parse(r->body, nullptr, false);
            Json failure{{"group", g.id}, {"error", why.is_object() ? why.value("error", "") : r->body}};
            if (why.is_object()) {
                for (const char* key : {"code", "at"}) {
                    if (why.contains(key)) failure[key] = why[key];
                }
            }
            failed.push_back(failure);
            continue;
        }
        const auto& p = std::get<Published>(result);
        audit(desk, call, "urgent", g.id, "edition " + std::to_string(p.edition) + " until " + expires);
        done.push_back({{"group", g.id}, {"edition", p.edition}, {"sha256", p.sha256}});
        // The draft gets the notice too, so the next publish keeps it until it expires. On top
        // of the draft as it is now: an editor may have saved while this edition was signed,
        // and a conflict must not drop the notice from the draft unseen.
        for (int attempt = 0; attempt < kUrgentDraftAttempts; ++attempt) {
            auto now_draft = desk.store.draft(g.id);
            auto d = now_draft ? Json::parse(now_draft->body, nullptr, false) : Json();
            if (!d.is_object()) break;
            if (!d.contains("items") || !d["items"].is_array()) d["items"] = Json::array();
            d["items"].insert(d["items"].begin(), notice);
            Draft current;
            if (desk.store.save_draft(g.id, now_draft->revision, d.dump(2, ' ', false, Json::error_handler_t::replace) + "\n",
                                      call.user().name, current) != SaveOutcome::Conflict) {
                break;
            }
        }
    }
    Json reply{{"editions", done}, {"failed", failed}};
    if (done.empty()) {
        // A non-2xx says what went wrong like every other (docs/desk-api.md, Errors): the
        // first group's reason, so a script or the page need not dig it out of `failed`.
        const Json& first = failed.front();
        reply["error"] = first.value("group", "") + ": " + first.value("error", "");
        if (first.contains("code")) reply["code"] = first["code"];
    }
    return json_reply(reply, done.empty() ? 422 : 200);
}

}  // namespace

void add_edition_routes(Router& router, Desk& desk) {
    const std::string g = kGroupPattern;
    router.add("POST", g + "/publish", {Access::Publisher, Body::Json, 4096}, [&desk](Call& c) { return publish_draft(desk, c); });
    router.add("GET", g + "/editions", {Access::Staff, Body::None, 0}, [&desk](Call& c) { return list_editions(desk, c); });
    router.add("GET", g + "/editions/([0-9]{1,9})", {Access::Staff, Body::None, 0}, [&desk](Call& c) { return get_edition(desk, c); });
    router.add("GET", g + "/editions/([0-9]{1,9})/diff", {Access::Staff, Body::None, 0},
               [&desk](Call& c) { return diff_edition(desk, c); });
    router.add("POST", g + "/editions/([0-9]{1,9})/restore", {Access::Publisher, Body::None, 0},
               [&desk](Call& c) { return restore(desk, c); });
    router.add("POST", "/api/urgent", {Access::Publisher, Body::Json, 64 * 1024}, [&desk](Call& c) { return urgent(desk, c); });
}

}  // namespace nb::desk
