#include "show/preparer.h"

namespace nb::show {

Preparer::Preparer(const text::FontCascade& fonts, render::GlyphCache& glyphs, std::function<void()> wake)
    : fonts_(fonts), glyphs_(glyphs), wake_(std::move(wake)), thread_([this] { run(); }) {}

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
            if (j.playlist == job.playlist && j.item == job.item) return;
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

std::optional<Prepared> Preparer::wait(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!done_cv_.wait_for(lock, timeout, [this] { return !done_.empty(); })) return std::nullopt;
    Prepared p = std::move(done_.front());
    done_.pop_front();
    return p;
}

void Preparer::run() {
    for (;;) {
        PrepareJob job;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            work_cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
            if (stop_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
        }
        Prepared out;
        out.playlist = job.playlist;
        out.item = job.item;
        const render::SlideContext ctx{fonts_, glyphs_, *job.playlist, job.metrics, job.max_texture};
        auto pages = render::prepare_item(job.playlist->items[job.item], ctx);
        if (pages)
            out.pages = std::move(*pages);
        else
            out.error = pages.error();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stop_) return;
            done_.push_back(std::move(out));
        }
        done_cv_.notify_all();
        if (wake_) wake_();
    }
}

}  // namespace nb::show
