// The prepare worker: one thread that turns playlist items into pages (text laid out and
// rasterised, pictures decoded and scaled) ahead of time, so a slide change never stalls a
// frame. The frame loop asks with request() and picks finished values up with collect();
// they share nothing else. `wake` is called from the worker when a value is ready (the loop
// passes a function that pushes an SDL event, so a sleeping loop wakes up).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/liveness.h"
#include "playlist/model.h"
#include "render/glyph_cache.h"
#include "render/slide.h"
#include "text/cascade.h"

namespace nb::show {

struct PrepareJob {
    std::shared_ptr<const playlist::Playlist> playlist;
    std::size_t item = 0;
    render::Metrics metrics;
    int max_texture = 4096;
    TimePoint at{};  // the wall clock when asked: what the headline index lists
    render::Ink ink = render::Ink::Now;
};

struct Prepared {
    std::shared_ptr<const playlist::Playlist> playlist;  // the one the job named
    std::size_t item = 0;
    int max_texture = 4096;  // the one the job named: pages made for another limit may differ
    std::vector<render::Page> pages;
    std::string error;  // the item cannot be shown (pages empty)
};

// A test hook, not an option (NEWSBOARD_TEST_PREPARE, app/test_faults.h): the prepare of one
// item (or of every item) throws, never ends or aborts the process (a crash), for the fault
// matrix.
struct PrepareFault {
    enum class Kind { None, Throw, Hang, Abort };
    Kind kind = Kind::None;
    std::string item_id;  // empty: every item
};

class Preparer {
  public:
    Preparer(const text::FontCascade& fonts, render::GlyphCache& glyphs, std::function<void()> wake,
             PrepareFault fault = {});
    ~Preparer();
    Preparer(const Preparer&) = delete;
    Preparer& operator=(const Preparer&) = delete;

    // Queues a job; a job still waiting for the same playlist, item and limit is not queued twice.
    void request(PrepareJob job);
    // Forgets queued jobs (a new playlist arrived); one in progress still finishes.
    void cancel_pending();
    // A finished value, if any (never blocks).
    std::optional<Prepared> collect();
    // A finished value waits for collect(), or the worker has nothing to do (never blocks; the
    // worker calls `wake` when either may have turned true).
    bool settled();

  private:
    void run();
    Prepared prepare(const PrepareJob& job);

    const text::FontCascade& fonts_;
    render::GlyphCache& glyphs_;
    std::function<void()> wake_;
    std::mutex mutex_;
    std::condition_variable work_cv_;
    std::deque<PrepareJob> jobs_;
    std::deque<Prepared> done_;
    bool stop_ = false;
    bool working_ = false;  // a job is in hand
    PrepareFault fault_;
    // Busy from taking a job to handing its pages over, idle while it waits for one; a job
    // that takes longer than a minute (the slowest seen is seconds) stops the watchdog.
    Heartbeat heartbeat_{"the prepare worker", std::chrono::minutes(1)};
    std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace nb::show
