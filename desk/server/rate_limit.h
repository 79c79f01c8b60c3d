// Login rate limits: after `max_failures` failed logins within `window` for one key (a user
// name, or a client address) that key is refused until the oldest failure leaves the window.
// Pure: the caller passes the time, so tests need no clock. Not thread-safe; the caller locks.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <string>

namespace nb::desk {

class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;
    RateLimiter(std::size_t max_failures, std::chrono::seconds window)
        : max_failures_(max_failures), window_(window) {}

    // Seconds until `key` may try again; 0 when it may now.
    std::chrono::seconds retry_after(const std::string& key, Clock::time_point now);
    void record_failure(const std::string& key, Clock::time_point now);
    void record_success(const std::string& key);
    // Takes back the failure recorded at `at` (one counted before the outcome was known).
    void forget_failure(const std::string& key, Clock::time_point at);
    // For a key retry_after() refuses: true the first time in this lockout, so a flood of
    // refused tries leaves one line in the audit log, not one each.
    bool first_refusal(const std::string& key);

  private:
    void expire(std::deque<Clock::time_point>& q, Clock::time_point now) const;
    std::size_t max_failures_;
    std::chrono::seconds window_;
    std::map<std::string, std::deque<Clock::time_point>> failures_;
    // Per key, the oldest failure of the lockout already reported (the queue does not change
    // while the key is refused: no failures are recorded then).
    std::map<std::string, Clock::time_point> reported_;
    // Keys are pruned as they are met; a flood of distinct keys is bounded by this.
    static constexpr std::size_t kMaxKeys = 100000;
};

}  // namespace nb::desk
