// Proof of play on the board (docs/fleet.md): each page the frame loop shows becomes a record
// in the journal (fleet/journal.h), written on this object's own thread so that an fsync on a
// slow SD card never stalls a frame. Used with --journal or --desk.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/result.h"
#include "fleet/journal.h"
#include "fleet/play.h"
#include "show/status.h"

namespace nb::fleet {

struct ProofOfPlayConfig {
    std::string journal_dir;
    std::string board_id;
    JournalLimits limits;
};

class ProofOfPlay {
  public:
    static Result<std::unique_ptr<ProofOfPlay>> start(ProofOfPlayConfig config);
    ~ProofOfPlay();  // the page on screen ends: its play is written and fsync'd
    ProofOfPlay(const ProofOfPlay&) = delete;
    ProofOfPlay& operator=(const ProofOfPlay&) = delete;

    // The frame loop's status, each time it changes (any thread; cheap).
    void observe(const show::StatusInfo& s);

  private:
    ProofOfPlay(ProofOfPlayConfig config, Journal journal);
    void run();
    void write(std::deque<Play>& plays);

    ProofOfPlayConfig config_;
    Journal journal_;  // the thread's own
    std::mutex mutex_;
    std::condition_variable cv_;
    PlayTracker tracker_;  // under mutex_
    std::deque<Play> queue_;
    bool stop_ = false;
    std::string last_error_;  // the thread's own: each different error logged once
    std::thread thread_;       // last
};

}  // namespace nb::fleet
