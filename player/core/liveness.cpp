#include "core/liveness.h"

namespace nb {
namespace {

thread_local Heartbeat* t_bound = nullptr;

}  // namespace

Liveness& Liveness::process() {
    static Liveness registry;
    return registry;
}

std::vector<std::string> Liveness::stuck(Clock::time_point now) {
    std::vector<std::string> out;
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& e : entries_) {
        const std::uint64_t beats = e.beats.load();
        if (!e.seen_once || beats != e.seen) {
            e.seen = beats;
            e.seen_at = now;
            e.seen_once = true;
            continue;
        }
        if (e.busy.load() && now - e.seen_at > e.deadline) out.push_back(e.name);
    }
    return out;
}

Heartbeat::Heartbeat(std::string name, std::chrono::milliseconds deadline, Liveness& registry) : registry_(registry) {
    std::lock_guard<std::mutex> lock(registry_.mutex_);
    registry_.entries_.emplace_back();
    entry_ = std::prev(registry_.entries_.end());
    entry_->name = std::move(name);
    entry_->deadline = deadline;
}

Heartbeat::~Heartbeat() {
    std::lock_guard<std::mutex> lock(registry_.mutex_);
    registry_.entries_.erase(entry_);
}

void Heartbeat::beat() {
    entry_->busy.store(true);
    entry_->beats.fetch_add(1);
}

void Heartbeat::idle() {
    entry_->busy.store(false);
    entry_->beats.fetch_add(1);
}

Heartbeat::OnThisThread::OnThisThread(Heartbeat& h) : previous_(t_bound) {
    t_bound = &h;
}

Heartbeat::OnThisThread::~OnThisThread() {
    t_bound = previous_;
}

void beat_this_thread() {
    if (t_bound) t_bound->beat();
}

}  // namespace nb
