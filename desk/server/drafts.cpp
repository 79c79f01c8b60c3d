// Drafts: GET/PUT /api/groups/G/draft, POST /api/groups/G/submit and /approve.
#include <cstdint>

#include "desk.h"
#include "groups_path.h"
#include "core/limits.h"
#include "validate.h"

namespace nb::desk {

namespace {

Json draft_json(const Draft& d) {
    Json j{{"group", d.group},           {"revision", d.revision},         {"state", d.state},
           {"updated_by", d.updated_by}, {"updated_at", d.updated_at},     {"submitted_by", d.submitted_by},
           {"approved_by", d.approved_by}};
    auto playlist = Json::parse(d.body, nullptr, false);
    j["playlist"] = playlist.is_discarded() ? Json::object() : playlist;
    return j;
}

std::string public_path(const Desk& desk, const std::string& group) { return desk.dir.public_dir() + "/" + group + ".json"; }

Reply no_group(const std::string& id) {
    return error_reply(404, "no_group", "no group " + id);
}

// 409 with the draft that won: `theirs` saved since the revision the request named.
Reply draft_conflict(const Draft& theirs) {
    Json j = draft_json(theirs);
    j["error"] = (theirs.updated_by.empty() ? std::string("someone") : theirs.updated_by) +
                 " saved a newer version (revision " + std::to_string(theirs.revision) +
                 "): yours was not saved. Compare, then save again on top of theirs.";
    j["code"] = "draft_conflict";
    return json_reply(j, 409);
}

}  // namespace

std::optional<std::int64_t> revision_field(const Json& body, Reply& error) {
    auto it = body.find("revision");
    if (it == body.end() || it->is_null()) {
        error = error_reply(400, "revision_missing", "revision: say which revision of the draft you started from",
                            "revision");
        return std::nullopt;
    }
    // An unsigned past INT64_MAX would wrap to a negative number: refused as what it is.
    const bool whole = it->is_number_integer() && !(it->is_number_unsigned() && it->get<std::uint64_t>() > INT64_MAX);
    if (!whole || it->get<std::int64_t>() < 1) {
        error = error_reply(400, "revision_invalid",
                            "revision: expected a whole number from 1 (the draft's revision you started from), got " +
                                (it->is_number() ? it->dump() : std::string("a ") + it->type_name()),
                            "revision");
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

Reply revision_refused(std::int64_t asked, const Draft& current) {
    if (asked < current.revision) return draft_conflict(current);
    return error_reply(400, "revision_unknown",
                       "revision: the draft has no revision " + std::to_string(asked) + " (it is at revision " +
                           std::to_string(current.revision) + "): reload it and start from there",
                       "revision");
}

namespace {

Reply get_draft(Desk& desk, const Call& call) {
    auto d = desk.store.draft(call.params[0]);
    if (!d) return no_group(call.params[0]);
    Json j = draft_json(*d);
    j["problems"] = problems_json(check_playlist(d->body, public_path(desk, d->group)).problems);
    Reply r = json_reply(j);
    r.headers.emplace_back("ETag", "\"" + std::to_string(d->revision) + "\"");
    return r;
}

// If-Match as GET's ETag gives it (`"7"`): that revision. Absent or `*`: nothing, any revision
// will do. Anything else is a 400 in `error`, and `ok` turns false.
std::optional<std::int64_t> if_match_revision(const Call& call, Reply& error, bool& ok) {
    const std::string value = call.header("If-Match");
    if (value.empty() || value == "*") return std::nullopt;
    const bool quoted = value.size() >= 3 && value.front() == '"' && value.back() == '"';
    const std::string digits = quoted ? value.substr(1, value.size() - 2) : std::string();
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos) {
        ok = false;
        error = error_reply(400, "revision_invalid",
                            "If-Match: expected the draft's ETag, a revision in quotes like \"7\"", "revision");
        return std::nullopt;
    }
    auto revision = revision_field(Json{{"revision", std::stoll(digits)}}, error);
    if (!revision) ok = false;
    return revision;
}

Reply put_draft(Desk& desk, Call& call) {
    const std::string& group = call.params[0];
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    // Two shapes. The page's, {"revision": N, "playlist": {…}}, N the revision it started from.
    // And desk.md's: the playlist itself, as the boards read it (a playlist has neither key),
    // its revision, where the client keeps one, in If-Match as GET's ETag gave it; without one
    // the save replaces the draft as it is, as an HTTP PUT without If-Match does.
    std::optional<std::int64_t> base;
    Json playlist;
    if (body->contains("revision") || body->contains("playlist")) {
        base = revision_field(*body, bad);
        if (!base) return bad;
        auto it = body->find("playlist");
        if (it == body->end() || !it->is_object())
            return error_reply(400, "playlist_not_object", "the playlist must be a JSON object", "playlist");
        playlist = *it;
    } else {
        bool ok = true;
        base = if_match_revision(call, bad, ok);
        if (!ok) return bad;
        playlist = std::move(*body);
    }
    // The desk owns these two: the format it speaks, and the group the file is published as.
    if (!playlist.contains("version")) playlist["version"] = 1;
    playlist["id"] = group;
    std::string bytes = playlist.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    if (bytes.size() > size_limits::kMaxPlaylistBytes)
        return error_reply(413, "playlist_too_large", "the playlist is larger than 4 MiB", "playlist");

    if (!base) {  // any revision: the one there now
        auto d = desk.store.draft(group);
        if (!d) return no_group(group);
        base = d->revision;
    }
    Draft current;
    switch (desk.store.save_draft(group, *base, bytes, call.user().name, current)) {
        case SaveOutcome::NoSuchGroup: return no_group(group);
        case SaveOutcome::Conflict: return revision_refused(*base, current);
        case SaveOutcome::Saved: break;
    }
    audit(desk, call, "draft.save", group, "revision " + std::to_string(current.revision));
    Json j{{"revision", current.revision}, {"state", current.state}};
    j["problems"] = problems_json(check_playlist(bytes, public_path(desk, group)).problems);
    Reply r = json_reply(j);
    r.headers.emplace_back("ETag", "\"" + std::to_string(current.revision) + "\"");
    return r;
}

Reply change_state(Desk& desk, Call& call, DraftState state) {
    const std::string& group = call.params[0];
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    auto revision = revision_field(*body, bad);
    if (!revision) return bad;
    if (state == DraftState::Approved) {
        auto d = desk.store.draft(group);
        if (!d) return no_group(group);
        // Which draft is meant comes first: its errors are news only about the revision asked.
        if (d->revision != *revision) return revision_refused(*revision, *d);
        if (!check_playlist(d->body, public_path(desk, group)).publishable()) {
            return error_reply(422, "draft_has_errors", "the draft has errors: fix them before approving");
        }
    }
    Draft current;
    switch (desk.store.set_draft_state(group, *revision, state, call.user().name, current)) {
        case SaveOutcome::NoSuchGroup: return no_group(group);
        case SaveOutcome::Conflict: return revision_refused(*revision, current);
        case SaveOutcome::Saved: break;
    }
    const char* action = state == DraftState::Submitted ? "draft.submit" : "draft.approve";
    audit(desk, call, action, group, "revision " + std::to_string(current.revision));
    return json_reply(draft_json(current));
}

}  // namespace

Fetched playlist_bytes(Desk& desk, const std::string& group, const std::string& edition) {
    if (edition.empty()) {
        auto d = desk.store.draft(group);
        if (!d) return {"", no_group(group)};
        return {d->body, std::nullopt};
    }
    if (edition.size() > 9 || edition.find_first_not_of("0123456789") != std::string::npos) {
        return {"", error_reply(400, "edition_invalid", "edition: a number")};
    }
    auto e = desk.store.edition(group, std::stoll(edition));
    if (!e) return {"", error_reply(404, "no_edition", "no edition " + edition + " of " + group)};
    return {e->body, std::nullopt};
}

void add_draft_routes(Router& router, Desk& desk) {
    const std::string g = kGroupPattern;
    // JSON's own limit: parse_json_body() refuses more (the player's preflight), so a larger
    // draft is a 413 from its Content-Length, never a 400 "malformed" after reading it.
    const std::uint64_t limit = kMaxJsonBody;
    router.add("GET", g + "/draft", {Access::Staff, Body::None, 0}, [&desk](Call& c) { return get_draft(desk, c); });
    router.add("PUT", g + "/draft", {Access::Staff, Body::Json, limit}, [&desk](Call& c) { return put_draft(desk, c); });
    router.add("POST", g + "/submit", {Access::Staff, Body::Json, 4096},
               [&desk](Call& c) { return change_state(desk, c, DraftState::Submitted); });
    router.add("POST", g + "/approve", {Access::Publisher, Body::Json, 4096},
               [&desk](Call& c) { return change_state(desk, c, DraftState::Approved); });
}

}  // namespace nb::desk
