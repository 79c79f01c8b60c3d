// Preview routes: GET /api/groups/G/preview, /preview/pages and /sheet (docs/desk-api.md).
#include "desk.h"
#include "groups_path.h"
#include "preview.h"
#include "validate.h"

namespace nb::desk {

namespace {

struct Source {
    std::shared_ptr<const playlist::Playlist> playlist;
    Reply error;
};

// The draft (or, with ?edition=N, a published edition) parsed as a board parses it.
Source load(Desk& desk, const Call& call) {
    const std::string& group = call.params[0];
    Fetched fetched = playlist_bytes(desk, group, call.query_or("edition", ""));
    if (fetched.error) return {nullptr, *fetched.error};
    Checked checked = check_playlist(fetched.bytes, desk.dir.public_dir() + "/" + group + ".json");
    if (!checked.playlist) {
        Reply r = error_reply(422, "preview_has_errors", "the playlist cannot be shown: fix its errors first");
        Json j = Json::parse(r.body);
        j["problems"] = problems_json(checked.problems);
        return {nullptr, json_reply(j, 422)};
    }
    return {std::make_shared<const playlist::Playlist>(std::move(*checked.playlist)), {}};
}

Result<PreviewSpec> spec_of(const Call& call) {
    return parse_preview_spec(call.query_or("size", ""), call.query_or("rotate", ""), call.query_or("at", ""), nb::now());
}

Reply png(std::string bytes) {
    Reply r;
    r.content_type = "image/png";
    r.body = std::move(bytes);
    return r;
}

Reply page(Desk& desk, const Call& call) {
    auto spec = spec_of(call);
    if (!spec) return error_reply(400, "preview_spec_invalid", spec.error());
    std::string n = call.query_or("page", "1");
    if (n.empty() || n.size() > 4 || n.find_first_not_of("0123456789") != std::string::npos) {
        return error_reply(400, "preview_page_invalid", "page: a number from 1");
    }
    Source src = load(desk, call);
    if (!src.playlist) return src.error;
    auto bytes = desk.previewer->page_png(src.playlist, *spec, std::stoi(n));
    if (!bytes) return error_reply(404, "preview_no_page", bytes.error());
    return png(std::move(bytes.value()));
}

Reply pages(Desk& desk, const Call& call) {
    auto spec = spec_of(call);
    if (!spec) return error_reply(400, "preview_spec_invalid", spec.error());
    Source src = load(desk, call);
    if (!src.playlist) return src.error;
    auto listing = desk.previewer->pages(src.playlist, *spec);
    Json out{{"at", format_timestamp_utc(spec->at)}, {"pages", Json::array()}, {"skipped", Json::array()}};
    int n = 0;
    for (const auto& p : listing.pages) {
        out["pages"].push_back(
            {{"page", ++n}, {"item", p.item}, {"number", p.number}, {"count", p.count}, {"duration", p.duration_s}});
    }
    for (const auto& s : listing.skipped) out["skipped"].push_back({{"item", s.item}, {"reason", s.reason}});
    return json_reply(out);
}

Reply sheet(Desk& desk, const Call& call) {
    auto spec = spec_of(call);
    if (!spec) return error_reply(400, "preview_spec_invalid", spec.error());
    Source src = load(desk, call);
    if (!src.playlist) return src.error;
    auto bytes = desk.previewer->sheet_png(src.playlist, *spec);
    if (!bytes) return error_reply(404, "preview_no_page", bytes.error());
    return png(std::move(bytes.value()));
}

}  // namespace

void add_preview_routes(Router& router, Desk& desk) {
    const std::string g = kGroupPattern;
    router.add("GET", g + "/preview", {Access::Staff, Body::None, 0}, [&desk](Call& c) { return page(desk, c); });
    router.add("GET", g + "/preview/pages", {Access::Staff, Body::None, 0}, [&desk](Call& c) { return pages(desk, c); });
    router.add("GET", g + "/sheet", {Access::Staff, Body::None, 0}, [&desk](Call& c) { return sheet(desk, c); });
}

}  // namespace nb::desk
