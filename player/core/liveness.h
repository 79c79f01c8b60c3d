// Which threads make progress: the systemd watchdog is fed only while every worker that has
// work does something with it, not merely while frames are presented (a stuck prepare worker
// or sync thread would otherwise look healthy for ever).
//
// A thread owns a Heartbeat and says what it is doing: beat() while it works (each job, each
// chunk of a download), idle() before it waits by design (no job, sleeping until the next
// poll). The frame loop asks stuck(now) before each watchdog ping: a heartbeat that is busy and
// has not moved for longer than its deadline is stuck. Threads never read a clock here; only
// the checker does, with its own (fake in tests, accelerated by NEWSBOARD_CLOCK_RATE).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <vector>

namespace nb {

class Heartbeat;

class Liveness {
  public:
    using Clock = std::chrono::steady_clock;

    // The process's registry: the threads that beat it need no handle passed around.
    static Liveness& process();

    // The names of the heartbeats that are busy and have not beaten for longer than their
    // deadline, counted from the first call of stuck() that saw their latest beat.
    std::vector<std::string> stuck(Clock::time_point now);

  private:
    friend class Heartbeat;
    struct Entry {
        std::string name;
        Clock::duration deadline;
        std::atomic<std::uint64_t> beats{0};
        std::atomic<bool> busy{false};
        // The checker's own bookkeeping, under mutex_.
        std::uint64_t seen = 0;
        Clock::time_point seen_at{};
        bool seen_once = false;
    };
    std::mutex mutex_;
    std::list<Entry> entries_;  // a list: an entry never moves while its Heartbeat holds it
};

class Heartbeat {
  public:
    Heartbeat(std::string name, std::chrono::milliseconds deadline, Liveness& registry = Liveness::process());
    ~Heartbeat();
    Heartbeat(const Heartbeat&) = delete;
    Heartbeat& operator=(const Heartbeat&) = delete;

    void beat();  // progress: the thread has work and is doing it
    void idle();  // waiting by design; alive however long it waits

    // Binds a heartbeat to the calling thread while it lives, for code deep in a call (a
    // download's progress callback) that beats with beat_this_thread() without a handle.
    class OnThisThread {
      public:
        explicit OnThisThread(Heartbeat& h);
        ~OnThisThread();
        OnThisThread(const OnThisThread&) = delete;
        OnThisThread& operator=(const OnThisThread&) = delete;

      private:
        Heartbeat* previous_;
    };

  private:
    Liveness& registry_;
    std::list<Liveness::Entry>::iterator entry_;
};

// Beats the heartbeat bound to the calling thread, if any; cheap (one atomic increment).
void beat_this_thread();

}  // namespace nb
