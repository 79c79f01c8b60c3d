#include "show/preparer.h"

#include <cstdlib>
#include <stdexcept>

#include <SDL_thread.h>

#include "core/guard.h"
#include "core/startup_log.h"

namespace nb::show {

Preparer::Preparer(const text::FontCascade& fonts, render::GlyphCache& glyphs, std::function<void()> wake,
                   PrepareFault fault)
    : fonts_(fonts),
      glyphs_(glyphs),
      wake_(std::move(wake)),
      fault_(std::move(fault)),
      // Should the worker itself fail (prepare() catches what an item throws), its heartbeat
      // stays busy and the watchdog restarts the player. SDL keeps an error message per thread
      // (a picture SDL_image could not decode sets one) that only its own threads free: this one
      // frees it as it ends, or LeakSanitizer reports it (158 bytes) at every exit.
      thread_([this] {
          run_guarded("the prepare worker", [this] { run(); });
          SDL_TLSCleanup();
      }) {}

Preparer::~Preparer() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
        jobs_.clear();
    }
    work_cv_.notify_all();
    thread_.join();
}

void Preparer::request(PrepareJob job) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& j : jobs_)
            if (j.playlist == job.playlist && j.item == job.item && j.max_texture == job.max_texture) return;
        jobs_.push_back(std::move(job));
    }
    work_cv_.notify_one();
}

void Preparer::cancel_pending() {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.clear();
}

std::optional<Prepared> Preparer::collect() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (done_.empty()) return std::nullopt;
    Prepared p = std::move(done_.front());
    done_.pop_front();
    return p;
}

bool Preparer::settled() {
    std::lock_guard<std::mutex> lock(mutex_);
    return !done_.empty() || (jobs_.empty() && !working_);
}

// Never throws: whatever goes wrong in one item (a std::bad_alloc on a huge picture, a bug)
// becomes that item's error, and the loop skips it with a cool-down.
Prepared Preparer::prepare(const PrepareJob& job) {
    Prepared out;
    out.playlist = job.playlist;
    out.item = job.item;
    out.max_texture = job.max_texture;
    const auto& item = job.playlist->items[job.item];
    try {
        if (fault_.kind != PrepareFault::Kind::None && (fault_.item_id.empty() || fault_.item_id == item.id)) {
            if (fault_.kind == PrepareFault::Kind::Throw) throw std::runtime_error("NEWSBOARD_TEST_PREPARE=throw");
            if (fault_.kind == PrepareFault::Kind::Abort) std::abort();  // a crash no catch contains
            std::unique_lock<std::mutex> lock(mutex_);  // hang: until the player stops
            work_cv_.wait(lock, [this] { return stop_; });
            out.error = "NEWSBOARD_TEST_PREPARE=hang";
            return out;
        }
        const render::SlideContext ctx{fonts_, glyphs_, *job.playlist, job.metrics, job.max_texture, job.at,
                                        job.ink};
        auto pages = render::prepare_item(item, ctx);
        if (pages)
            out.pages = std::move(*pages);
        else
            out.error = pages.error();
    } catch (...) {
        out.pages.clear();
        out.error = std::string("cannot be prepared: ") + what_of_current_exception();
    }
    return out;
}

void Preparer::run() {
    for (;;) {
        PrepareJob job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            heartbeat_.idle();
            work_cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
            if (stop_) return;
            heartbeat_.beat();
            job = std::move(jobs_.front());
            jobs_.pop_front();
            working_ = true;
        }
        Prepared out = prepare(job);
        startup_log::mark_once("first page prepared");
        {
            std::lock_guard<std::mutex> lock(mutex_);
            working_ = false;
            if (stop_) return;
            done_.push_back(std::move(out));
        }
        if (wake_) wake_();
    }
}

}  // namespace nb::show
