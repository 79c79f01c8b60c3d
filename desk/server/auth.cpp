// Signing in and out: POST /api/login, POST /api/logout, GET /api/me.
#include <chrono>

#include "core/time.h"
#include "desk.h"
#include "password.h"
#include "session.h"
#include "totp.h"

namespace nb::desk {

namespace {

std::int64_t unix_now() { return std::chrono::duration_cast<std::chrono::seconds>(nb::now().time_since_epoch()).count(); }

CookieSecurity security(const Call& call) { return call.client.secure() ? CookieSecurity::Secure : CookieSecurity::Plain; }

Json who(const Session& s) {
    return {{"user", s.user.name}, {"role", to_string(s.user.role)}, {"csrf", s.csrf}, {"totp", !s.user.totp_secret.empty()}};
}

std::string string_field(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Reply login(Desk& desk, Call& call) {
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    std::string name = string_field(*body, "user");
    std::string password = string_field(*body, "password");
    std::string code = string_field(*body, "totp");
    if (name.empty()) return error_reply(400, "enter your user name", "user");
    if (password.empty()) return error_reply(400, "enter your password", "password");

    const std::string user_key = "user:" + name, address_key = "address:" + call.client.address;
    auto now = RateLimiter::Clock::now();
    {
        std::lock_guard<std::mutex> lock(desk.logins.mutex);
        auto wait = std::max(desk.logins.by_user.retry_after(user_key, now), desk.logins.by_address.retry_after(address_key, now));
        if (wait.count() > 0) {
            audit(desk, call, "login.limited", name);
            Reply r = error_reply(429, "too many failed sign-ins: try again in " + std::to_string(wait.count()) + " s");
            r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
            return r;
        }
    }
    auto failed = [&](const std::string& message, const std::string& at) {
        {
            std::lock_guard<std::mutex> lock(desk.logins.mutex);
            desk.logins.by_user.record_failure(user_key, now);
            desk.logins.by_address.record_failure(address_key, now);
        }
        audit(desk, call, "login.failed", name, at);
        return error_reply(401, message, at);
    };

    auto user = desk.store.find_user(name);
    PasswordMatch match;
    {
        std::lock_guard<std::mutex> lock(desk.logins.hashing);
        // An unknown name costs the same time as a wrong password: no telling which names exist.
        match = verify_password(password, user ? user->password_hash : dummy_hash());
    }
    if (!user || match != PasswordMatch::Yes) return failed("wrong user name or password", "password");

    if (!user->totp_secret.empty()) {
        if (code.empty()) {
            Reply r = error_reply(401, "enter the 6-digit code from your authenticator app", "totp");
            return r;
        }
        auto step = totp::matching_step(user->totp_secret, code, unix_now());
        if (!step) return failed("wrong code: use the one your authenticator app shows now", "totp");
        if (!desk.store.use_totp_step(user->id, *step)) {
            return failed("this code was used already: wait for the next one", "totp");
        }
    } else if (desk.options.totp == TotpPolicy::RequiredForPublishers && user->role != Role::Editor) {
        audit(desk, call, "login.refused", name, "no second factor");
        return error_reply(403,
                           "this desk requires a second factor for publishers and admins: ask an admin to run "
                           "`newsboard-desk user totp DIR " + name + "`",
                           "totp");
    }

    {
        std::lock_guard<std::mutex> lock(desk.logins.mutex);
        desk.logins.by_user.record_success(user_key);
    }
    // A new token at every sign-in (no session fixation); the old cookie's session ends.
    if (call.session) desk.store.remove_session(call.session->token_hash);
    std::int64_t t = unix_now();
    desk.store.remove_sessions_before(t - std::chrono::seconds(kSessionIdle).count(),
                                      t - std::chrono::seconds(kSessionLifetime).count());
    std::string token = random_token();
    Session s{token_hash(token), random_token(), *user, t, t};
    desk.store.add_session(s, call.client.address);
    call.session = s;
    audit(desk, call, "login", name);
    Reply r = json_reply(who(s));
    r.headers.emplace_back("Set-Cookie", session_cookie(token, security(call)));
    return r;
}

Reply logout(Desk& desk, Call& call) {
    desk.store.remove_session(call.session->token_hash);
    audit(desk, call, "logout", call.user().name);
    Reply r = json_reply(Json::object());
    r.headers.emplace_back("Set-Cookie", expired_session_cookie(security(call)));
    return r;
}

}  // namespace

void add_auth_routes(Router& router, Desk& desk) {
    router.add("POST", "/api/login", {Access::Anyone, Body::Json, 64 * 1024}, [&desk](Call& c) { return login(desk, c); });
    router.add("POST", "/api/logout", {Access::Staff, Body::None, 0}, [&desk](Call& c) { return logout(desk, c); });
    router.add("GET", "/api/me", {Access::Staff, Body::None, 0}, [](Call& c) { return json_reply(who(*c.session)); });
}

}  // namespace nb::desk
