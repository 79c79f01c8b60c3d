#include "fleet/proof_of_play.h"

#include <cstdio>

#include "core/guard.h"

namespace nb::fleet {
namespace {

constexpr std::size_t kMaxQueued = 10000;  // the disk stuck for hours: the oldest go first

}  // namespace

Result<std::unique_ptr<ProofOfPlay>> ProofOfPlay::start(ProofOfPlayConfig config) {
    auto journal = Journal::open(config.journal_dir, config.limits);
    if (!journal) return fail("proof of play: " + journal.error());
    std::unique_ptr<ProofOfPlay> p(new ProofOfPlay(std::move(config), std::move(*journal)));
    ProofOfPlay* self = p.get();
    p->thread_ = std::thread([self] { run_guarded("the proof-of-play thread", [self] { self->run(); }); });
    return p;
}

ProofOfPlay::ProofOfPlay(ProofOfPlayConfig config, Journal journal)
    : config_(std::move(config)), journal_(std::move(journal)), tracker_(config_.board_id) {}

ProofOfPlay::~ProofOfPlay() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (auto last = tracker_.finish(std::chrono::steady_clock::now())) queue_.push_back(std::move(*last));
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ProofOfPlay::observe(const show::StatusInfo& s) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto ended = tracker_.observe(s, nb::now(), std::chrono::steady_clock::now());
        if (!ended) return;
        if (queue_.size() >= kMaxQueued) queue_.pop_front();
        queue_.push_back(std::move(*ended));
    }
    cv_.notify_all();
}

void ProofOfPlay::write(std::deque<Play>& plays) {
    const auto now = std::chrono::steady_clock::now();
    Status s = success();
    for (const auto& p : plays)
        if (s) s = journal_.append(p, now);
    if (s) s = journal_.sync(now);
    if (!s && s.error() != last_error_) std::fprintf(stderr, "newsboard: error: proof of play: %s\n", s.error().c_str());
    last_error_ = s ? std::string() : s.error();
    plays.clear();
}

void ProofOfPlay::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        // Lines waiting for their fsync are synced within the journal's sync_after.
        cv_.wait_for(lock, config_.limits.sync_after, [this] { return stop_ || !queue_.empty(); });
        std::deque<Play> plays;
        plays.swap(queue_);
        const bool stopping = stop_;
        lock.unlock();
        write(plays);
        if (stopping) {
            if (auto s = journal_.sync(std::chrono::steady_clock::now(), true); !s)
                std::fprintf(stderr, "newsboard: error: proof of play: %s\n", s.error().c_str());
            return;
        }
        lock.lock();
    }
}

}  // namespace nb::fleet
