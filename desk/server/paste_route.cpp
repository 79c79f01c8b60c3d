// POST /api/paste: a page of the paper as text in, draft items and the changes made out
// (desk/paste/paste_json.h). Nothing is stored; adding the items to a draft is a PUT.
#include "desk.h"
#include "paste_json.h"

namespace nb::desk {

namespace {

Reply paste_page(Call& call) {
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    auto answer = paste::answer(*body);
    if (auto* error = std::get_if<paste::RequestError>(&answer))
        return error_reply(400, "paste_invalid", error->message, error->at);
    return json_reply(std::get<nlohmann::json>(answer));
}

}  // namespace

void add_paste_routes(Router& router, Desk&) {
    // The JSON limit: a paste is at most paste::kMaxPasteBytes of text, escaped.
    router.add("POST", "/api/paste", {Access::Staff, Body::Json, kMaxJsonBody}, [](Call& c) { return paste_page(c); });
}

}  // namespace nb::desk
