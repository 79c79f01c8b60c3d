// The desk's HTTP API as data: a route table of (method, path pattern, policy, handler), and
// the Call a handler gets and the Reply it gives. Handlers never see cpp-httplib; the server
// (server.cpp) does the HTTP, the policy (policy.h) decides before a handler runs.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "origin.h"
#include "policy.h"
#include "store.h"

namespace nb::desk {

// A file a client uploaded, already on disk under DIR/tmp (removed after the handler).
struct Upload {
    std::string filename;      // as the client named it: for messages only, never a path
    std::string temp_path;
    std::uint64_t size = 0;
};

struct Call {
    std::string method;
    std::string path;
    std::vector<std::string> params;  // the pattern's groups, in order
    std::map<std::string, std::string> query;
    std::string body;                 // Body::Json routes
    Upload upload;                    // Body::Upload routes
    std::optional<Session> session;   // set on every route but Access::Anyone ones
    ClientView client;
    std::function<std::string(const std::string&)> header;

    const User& user() const { return session->user; }
    std::string query_or(const std::string& key, const std::string& fallback) const {
        auto it = query.find(key);
        return it == query.end() ? fallback : it->second;
    }
};

struct Reply {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

// Ordered, so a playlist keeps its keys in the order staff wrote them.
using Json = nlohmann::ordered_json;

Reply json_reply(const Json& j, int status = 200);
// {"error": message, "code": code, "at": at}. `code` names what went wrong ("no_group"), for
// programs: the page says it in staff's language from the code (desk/web/js/messages.js), never
// from the English `message`, which is for people reading logs and scripts' output. `at` is a
// JSON path into the request ("items[2].image") or "".
Reply error_reply(int status, std::string_view code, const std::string& message, const std::string& at = {});

// A request body as a JSON object, or a 400 reply saying where it is broken.
std::optional<Json> parse_json_body(const Call& call, Reply& error);

// The text fields of a request body. Absent or null reads as ""; a field that is there but is
// not a string (a number, a list) is a 400 at that field — never taken for a missing one, so
// {"password": 12345678901} cannot answer 200 having changed nothing.
class TextFields {
  public:
    explicit TextFields(const Json& body) : body_(body) {}
    std::string operator()(const char* key);
    // 400 at the first mistyped field read so far.
    std::optional<Reply> error() const;

  private:
    const Json& body_;
    std::string mistyped_;
};

using Handler = std::function<Reply(Call&)>;

struct Route {
    std::string method;
    std::regex pattern;
    RoutePolicy policy;
    Handler handler;
};

class Router {
  public:
    // `pattern` is a regex over the whole path; its groups become Call::params.
    void add(const std::string& method, const std::string& pattern, RoutePolicy policy, Handler handler);
    // The first route whose method and pattern match. HEAD matches GET routes.
    const Route* match(const std::string& method, const std::string& path, std::vector<std::string>& params) const;

  private:
    std::vector<Route> routes_;
};

// Body limits: JSON requests are small; pictures can be large photos straight off a phone.
inline constexpr std::uint64_t kMaxJsonBody = 4 * 1024 * 1024;    // the playlist's own limit
inline constexpr std::uint64_t kMaxUploadBody = 64 * 1024 * 1024;  // the player's media limit + form overhead

}  // namespace nb::desk
