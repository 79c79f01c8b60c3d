// Signing in and out: POST /api/login, POST /api/logout, GET /api/me.
#include <algorithm>
#include <chrono>
#include <utility>

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

// One sign-in against the rate limits. It counts as a failure from the moment it is let in,
// so a burst of concurrent guesses cannot all pass the check while the first is still being
// hashed; an attempt that ends otherwise (success, a code still to ask for, an exception)
// takes its failure back when it goes.
class LoginAttempt {
  public:
    LoginAttempt(LoginLimits& limits, std::string user_key, std::string address_key)
        : limits_(limits), user_key_(std::move(user_key)), address_key_(std::move(address_key)),
          at_(RateLimiter::Clock::now()) {
        std::lock_guard<std::mutex> lock(limits_.mutex);
        wait_ = std::max(limits_.by_user.retry_after(user_key_, at_), limits_.by_address.retry_after(address_key_, at_));
        if (wait_.count() > 0) return;
        limits_.by_user.record_failure(user_key_, at_);
        limits_.by_address.record_failure(address_key_, at_);
        outcome_ = Outcome::Pending;
    }
    ~LoginAttempt() {
        if (outcome_ == Outcome::Refused || outcome_ == Outcome::Failed) return;
        std::lock_guard<std::mutex> lock(limits_.mutex);
        if (outcome_ == Outcome::Succeeded) {
            limits_.by_user.record_success(user_key_);
        } else {
            limits_.by_user.forget_failure(user_key_, at_);
        }
        limits_.by_address.forget_failure(address_key_, at_);
    }
    LoginAttempt(const LoginAttempt&) = delete;
    LoginAttempt& operator=(const LoginAttempt&) = delete;

    // Seconds to wait when the limits refused this attempt; 0 when it may go on.
    std::chrono::seconds refused() const { return wait_; }
    // Whether this is the first refusal of its lockout (by user name or address).
    bool first_refusal() {
        std::lock_guard<std::mutex> lock(limits_.mutex);
        bool by_user = limits_.by_user.first_refusal(user_key_);
        bool by_address = limits_.by_address.first_refusal(address_key_);
        return by_user || by_address;
    }
    void failed() { outcome_ = Outcome::Failed; }
    void succeeded() { outcome_ = Outcome::Succeeded; }

  private:
    enum class Outcome { Refused, Pending, Failed, Succeeded };
    LoginLimits& limits_;
    std::string user_key_, address_key_;
    RateLimiter::Clock::time_point at_;
    std::chrono::seconds wait_{0};
    Outcome outcome_ = Outcome::Refused;
};

Reply login(Desk& desk, Call& call) {
    Reply bad;
    auto body = parse_json_body(call, bad);
    if (!body) return bad;
    TextFields text(*body);
    std::string name = text("user"), password = text("password"), code = text("totp");
    if (auto e = text.error()) return *e;
    if (name.empty()) return error_reply(400, "user_missing", "enter your user name", "user");
    if (password.empty()) return error_reply(400, "password_missing", "enter your password", "password");

    LoginAttempt attempt(desk.logins, "user:" + name, "address:" + call.client.address);
    if (auto wait = attempt.refused(); wait.count() > 0) {
        if (attempt.first_refusal()) audit(desk, call, "login.limited", name);
        Reply r = error_reply(429, "login_limited",
                              "too many failed sign-ins: try again in " + std::to_string(wait.count()) + " s");
        Json j = Json::parse(r.body);
        j["retry_after_s"] = wait.count();
        r = json_reply(j, 429);
        r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
        return r;
    }
    auto failed = [&](std::string_view code, const std::string& message, const std::string& at) {
        attempt.failed();
        audit(desk, call, "login.failed", name, at);
        return error_reply(401, code, message, at);
    };

    auto user = desk.store.find_user(name);
    PasswordMatch match;
    {
        std::lock_guard<std::mutex> lock(desk.logins.hashing);
        // An unknown name costs the same time as a wrong password: no telling which names exist.
        match = verify_password(password, user ? user->password_hash : dummy_hash());
    }
    if (!user || match != PasswordMatch::Yes) return failed("login_wrong", "wrong user name or password", "password");

    if (!user->totp_secret.empty()) {
        if (code.empty()) {
            Reply r = error_reply(401, "totp_needed", "enter the 6-digit code from your authenticator app", "totp");
            return r;
        }
        auto step = totp::matching_step(user->totp_secret, code, unix_now());
        if (!step) return failed("totp_wrong", "wrong code: use the one your authenticator app shows now", "totp");
        if (!desk.store.use_totp_step(user->id, *step)) {
            return failed("totp_used", "this code was used already: wait for the next one", "totp");
        }
    } else if (desk.options.totp == TotpPolicy::RequiredForPublishers && user->role != Role::Editor) {
        audit(desk, call, "login.refused", name, "no second factor");
        return error_reply(403, "totp_required",
                           "this desk requires a second factor for publishers and admins: ask an admin to run "
                           "`newsboard-desk user totp DIR " +
                               name + "`",
                           "totp");
    }

    attempt.succeeded();
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
