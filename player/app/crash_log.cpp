#include "app/crash_log.h"

#include <cstdio>

namespace nb::app {

CrashLog::CrashLog(const std::string& state_dir, TimePoint now) {
    if (state_dir.empty()) return;
    auto state = sync::BoardState::open(state_dir);
    if (!state) {
        std::fprintf(stderr, "newsboard: warning: %s; crashes are not counted\n", state.error().c_str());
        return;
    }
    bool damaged = false;
    record_ = sync::after_start(state->crash_record(&damaged), now);
    if (damaged)
        std::fprintf(stderr, "newsboard: warning: state: %s/crash-loop.json is damaged; crashes are counted afresh\n",
                     state_dir.c_str());
    state_ = std::move(*state);
}

std::vector<std::string> CrashLog::quarantined() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return record_.quarantined;
}

void CrashLog::started(const std::string& sha256, TimePoint now) {
    std::lock_guard<std::mutex> lock(mutex_);
    record_ = sync::started(std::move(record_), sha256, now);
    save();
}

void CrashLog::took(const std::string& sha256) {
    std::lock_guard<std::mutex> lock(mutex_);
    // The loop reloads the same edition too (at its expiry, say): write only a change.
    const std::string before = record_.running ? record_.running->sha256 : std::string();
    record_ = sync::took(std::move(record_), sha256);
    if (!record_.running || record_.running->sha256 != before) save(file::Durability::Report);
}

void CrashLog::flush() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (unflushed_) save();
}

void CrashLog::lift() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (record_.quarantined.empty()) return;
    record_ = sync::lifted(std::move(record_));
    save();
}

bool CrashLog::is_quarantined(const std::string& sha256) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sync::is_quarantined(record_, sha256);
}

void CrashLog::tick(TimePoint now) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (sync::forgive_when_healthy(record_, now) || unflushed_) save();
}

void CrashLog::clean_exit() {
    std::lock_guard<std::mutex> lock(mutex_);
    record_ = sync::clean_exit(std::move(record_));
    save();
}

void CrashLog::save(file::Durability durability) {
    if (!state_) return;
    unflushed_ = durability == file::Durability::Report;
    if (Status s = state_->set_crash_record(record_, durability); !s)
        std::fprintf(stderr, "newsboard: warning: %s; a crash loop may go unnoticed\n", s.error().c_str());
}

}  // namespace nb::app
