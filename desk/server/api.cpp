#include "api.h"

#include "playlist/preflight.h"

namespace nb::desk {

Reply json_reply(const Json& j, int status) {
    Reply r;
    r.status = status;
    // Strict UTF-8 out; staff text is data to the page, never markup (the page sets
    // textContent, and the CSP forbids inline script besides).
    r.body = j.dump(-1, ' ', false, Json::error_handler_t::replace);
    return r;
}

Reply error_reply(int status, std::string_view code, const std::string& message, const std::string& at) {
    Json j{{"error", message}, {"code", code}};
    if (!at.empty()) j["at"] = at;
    return json_reply(j, status);
}

std::optional<Json> parse_json_body(const Call& call, Reply& error) {
    // The player's own first line of defence: size, UTF-8 and nesting depth, before any
    // JSON parser (or recursive dump) sees the bytes.
    Diagnostics diags;
    if (playlist::preflight(call.body, "request", diags) == playlist::Preflight::Failed) {
        error = error_reply(400, "request_malformed",
                            diags.all().empty() ? "the request is malformed" : diags.all().front().message);
        return std::nullopt;
    }
    auto j = Json::parse(call.body, nullptr, false);
    if (j.is_discarded()) {
        error = error_reply(400, "request_malformed", "the request is not valid JSON");
        return std::nullopt;
    }
    if (!j.is_object()) {
        error = error_reply(400, "request_malformed", "the request must be a JSON object");
        return std::nullopt;
    }
    return j;
}

std::string TextFields::operator()(const char* key) {
    auto it = body_.find(key);
    if (it == body_.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (mistyped_.empty()) mistyped_ = key;
    return {};
}

std::optional<Reply> TextFields::error() const {
    if (mistyped_.empty()) return std::nullopt;
    return error_reply(400, "field_not_text", mistyped_ + ": expected text (a JSON string)", mistyped_);
}

void Router::add(const std::string& method, const std::string& pattern, RoutePolicy policy, Handler handler) {
    routes_.push_back(Route{method, std::regex(pattern), policy, std::move(handler)});
}

const Route* Router::match(const std::string& method, const std::string& path, std::vector<std::string>& params) const {
    const std::string& m = method == "HEAD" ? std::string("GET") : method;
    for (const auto& r : routes_) {
        if (r.method != m) continue;
        std::smatch found;
        if (std::regex_match(path, found, r.pattern)) {
            params.clear();
            for (std::size_t i = 1; i < found.size(); ++i) params.push_back(found[i].str());
            return &r;
        }
    }
    return nullptr;
}

}  // namespace nb::desk
