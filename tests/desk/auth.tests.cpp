// Login rate limits, TOTP (RFC 4226 / RFC 6238 test vectors) and passwords.
#include "password.h"
#include "rate_limit.h"
#include "totp.h"

#include <catch2/catch.hpp>

using namespace nb::desk;

TEST_CASE("HOTP and TOTP give the RFCs' codes", "[desk-auth]") {
    const std::string key = "12345678901234567890";
    // RFC 4226 appendix D.
    auto [counter, code] = GENERATE(table<std::uint64_t, std::string>(
        {{0, "755224"}, {1, "287082"}, {2, "359152"}, {3, "969429"}, {9, "520489"}}));
    CHECK(totp::hotp(key, counter) == code);
}

TEST_CASE("a TOTP code matches its step, one step either side, and nothing else", "[desk-auth]") {
    const std::string secret = totp::base32_encode("12345678901234567890");
    CHECK(secret == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    CHECK(totp::base32_decode(secret) == "12345678901234567890");
    // RFC 6238 appendix B at T = 59 s is step 1: 94287082, whose last six digits are 287082.
    CHECK(totp::matching_step(secret, "287082", 59) == 1);
    CHECK(totp::matching_step(secret, "287082", 89) == 1);   // 30 s late still counts
    CHECK_FALSE(totp::matching_step(secret, "287082", 120));  // three steps later
    CHECK_FALSE(totp::matching_step(secret, "28708", 59));
    CHECK_FALSE(totp::matching_step(secret, "abcdef", 59));
    CHECK_FALSE(totp::base32_decode("not base32!"));
}

TEST_CASE("failed logins lock a key out until the oldest leaves the window", "[desk-auth]") {
    RateLimiter limiter(3, std::chrono::seconds(60));
    auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    for (int i = 0; i < 3; ++i) {
        CHECK(limiter.retry_after("alice", t0 + std::chrono::seconds(i)).count() == 0);
        limiter.record_failure("alice", t0 + std::chrono::seconds(i));
    }
    CHECK(limiter.retry_after("alice", t0 + std::chrono::seconds(3)).count() == 57);
    CHECK(limiter.retry_after("bob", t0 + std::chrono::seconds(3)).count() == 0);
    CHECK(limiter.retry_after("alice", t0 + std::chrono::seconds(60)).count() == 0);
    limiter.record_success("alice");
    CHECK(limiter.retry_after("alice", t0 + std::chrono::seconds(4)).count() == 0);
}

TEST_CASE("a failure counted ahead can be taken back, and only that one", "[desk-auth]") {
    RateLimiter limiter(2, std::chrono::seconds(60));
    auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    limiter.record_failure("alice", t0);
    limiter.record_failure("alice", t0 + std::chrono::seconds(1));
    CHECK(limiter.retry_after("alice", t0 + std::chrono::seconds(2)).count() == 58);
    limiter.forget_failure("alice", t0 + std::chrono::seconds(1));
    CHECK(limiter.retry_after("alice", t0 + std::chrono::seconds(2)).count() == 0);
    limiter.forget_failure("alice", t0 + std::chrono::seconds(5));  // never recorded: no change
    limiter.record_failure("alice", t0 + std::chrono::seconds(3));
    CHECK(limiter.retry_after("alice", t0 + std::chrono::seconds(4)).count() == 56);
    limiter.forget_failure("bob", t0);  // an unknown key
    CHECK(limiter.retry_after("bob", t0).count() == 0);
}

TEST_CASE("a lockout is reported once, and again for the next lockout", "[desk-auth]") {
    RateLimiter limiter(2, std::chrono::seconds(100));
    auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    limiter.record_failure("alice", t0);
    CHECK_FALSE(limiter.first_refusal("alice"));  // not locked out
    limiter.record_failure("alice", t0 + std::chrono::seconds(1));
    CHECK(limiter.first_refusal("alice"));
    CHECK_FALSE(limiter.first_refusal("alice"));
    CHECK(limiter.retry_after("alice", t0 + std::chrono::seconds(100)).count() == 0);  // the first left
    limiter.record_failure("alice", t0 + std::chrono::seconds(100));
    CHECK(limiter.first_refusal("alice"));
    CHECK_FALSE(limiter.first_refusal("bob"));
}

TEST_CASE("passwords are stored as argon2id and checked", "[desk-auth]") {
    CHECK_FALSE(check_new_password("short").ok());
    CHECK(check_new_password("十个字的密码不算太短吧").ok());
    auto h = hash_password("correct horse battery");
    REQUIRE(h.ok());
    CHECK(h->rfind("$argon2id$", 0) == 0);
    CHECK(verify_password("correct horse battery", h.value()) == PasswordMatch::Yes);
    CHECK(verify_password("correct horse batterx", h.value()) == PasswordMatch::No);
}
