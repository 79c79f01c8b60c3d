#include "rate_limit.h"

#include <algorithm>

namespace nb::desk {

void RateLimiter::expire(std::deque<Clock::time_point>& q, Clock::time_point now) const {
    while (!q.empty() && now - q.front() >= window_) q.pop_front();
}

std::chrono::seconds RateLimiter::retry_after(const std::string& key, Clock::time_point now) {
    auto it = failures_.find(key);
    if (it == failures_.end()) return std::chrono::seconds(0);
    expire(it->second, now);
    if (it->second.empty()) {
        failures_.erase(it);
        return std::chrono::seconds(0);
    }
    if (it->second.size() < max_failures_) return std::chrono::seconds(0);
    auto wait = std::chrono::ceil<std::chrono::seconds>(it->second.front() + window_ - now);
    return wait.count() > 0 ? wait : std::chrono::seconds(1);
}

void RateLimiter::record_failure(const std::string& key, Clock::time_point now) {
    if (failures_.size() >= kMaxKeys) {
        for (auto it = failures_.begin(); it != failures_.end();) {
            expire(it->second, now);
            it = it->second.empty() ? failures_.erase(it) : std::next(it);
        }
        if (failures_.size() >= kMaxKeys) failures_.erase(failures_.begin());
    }
    auto& q = failures_[key];
    expire(q, now);
    q.push_back(now);
    while (q.size() > max_failures_) q.pop_front();
}

void RateLimiter::record_success(const std::string& key) { failures_.erase(key); }

void RateLimiter::forget_failure(const std::string& key, Clock::time_point at) {
    auto it = failures_.find(key);
    if (it == failures_.end()) return;
    auto& q = it->second;
    if (auto found = std::find(q.begin(), q.end(), at); found != q.end()) q.erase(found);
    if (q.empty()) failures_.erase(it);
}

bool RateLimiter::first_refusal(const std::string& key) {
    auto it = failures_.find(key);
    if (it == failures_.end() || it->second.size() < max_failures_) return false;
    if (reported_.size() >= kMaxKeys) reported_.clear();  // at worst one more line per key
    auto [r, added] = reported_.try_emplace(key, it->second.front());
    if (added) return true;
    if (r->second == it->second.front()) return false;
    r->second = it->second.front();
    return true;
}

}  // namespace nb::desk
