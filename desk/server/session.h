// Session cookies and CSRF tokens. The cookie holds 32 random bytes; the database keeps only
// their SHA-256, so a copy of desk.db opens no session. Each session has its own CSRF token,
// returned by the login and /api/me, and sent back in X-CSRF-Token on every change.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy.h"

namespace nb::desk {

inline constexpr const char* kSessionCookie = "nbdesk";
inline constexpr std::chrono::hours kSessionIdle{8};       // no request for this long: signed out
inline constexpr std::chrono::hours kSessionLifetime{24};  // at most this long after the login
inline constexpr std::chrono::seconds kSessionTouchEvery{60};

// 32 random bytes, base64url without padding (43 characters).
std::string random_token();
std::string token_hash(std::string_view token);

// The well-formed session tokens of a Cookie header, in its order, at most kMaxSessionCookies.
// More than one comes when another cookie of the name shadows the desk's own (one set for a
// parent domain by a sibling site, or left at another path); the first with a live session
// is the one, so a planted cookie cannot sign staff out for good.
inline constexpr std::size_t kMaxSessionCookies = 4;
std::vector<std::string> session_tokens_from_cookies(std::string_view cookie_header);

enum class CookieSecurity { Plain, Secure };  // Secure when the browser came over HTTPS
std::string session_cookie(const std::string& token, CookieSecurity security);
std::string expired_session_cookie(CookieSecurity security);

// Constant-time comparison of the header with the session's token.
TokenVerdict judge_csrf(std::string_view header_value, const std::string& expected);

}  // namespace nb::desk
