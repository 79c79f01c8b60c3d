#include "show/stage.h"

#include <cstdio>

#include "core/guard.h"
#include "core/startup_log.h"
#include "show/preparer.h"
#include "show/waker.h"

namespace nb::show {

class WorkerPages final : public PageMaker {
  public:
    WorkerPages(const text::FontCascade& fonts, render::GlyphCache& glyphs, PrepareFault fault)
        : preparer_(fonts, glyphs, wake_loop, std::move(fault)) {}
    void request(PrepareJob job) override { preparer_.request(std::move(job)); }
    void cancel_pending() override { preparer_.cancel_pending(); }
    std::optional<Prepared> collect() override { return preparer_.collect(); }
    bool settled() { return preparer_.settled(); }

  private:
    Preparer preparer_;
};

namespace {

DirectorConfig director_config(const LoopConfig& c, int max_texture, const std::string& source) {
    DirectorConfig d;
    d.mode = c.mode;
    d.metrics = render::Metrics::for_screen(c.width, c.height);
    d.max_texture = max_texture;
    d.ink = c.pixels == Pixels::Skipped ? render::Ink::Deferred : render::Ink::Now;
    d.transition = c.transition;
    d.display_off = c.display_off;
    d.item_failed = [source](const std::string& what) {
        std::fprintf(stderr, "%s: error: %s\n", source.c_str(), what.c_str());
    };
    return d;
}

}  // namespace

Stage::Stage(const text::FontCascade& fonts, ContentSource& content, const LoopConfig& config, int max_texture_guess)
    : content_(content),
      schedule_(config.wall_clock, config.clock_synchronised),
      pages_(std::make_unique<WorkerPages>(fonts, glyphs_, config.prepare_fault)),
      director_(director_config(config, max_texture_guess, content.name()), *pages_, schedule_) {
    // The wake reaches a loop that does not run yet, or SDL's events before SDL's video starts:
    // lost then, and harmless, since the loop's first turn collects what is made.
    content_.set_wake(wake_loop);
    run_guarded("the first playlist", [this, &config] {
        Loaded first = load();
        startup_log::mark("playlist loaded");
        director_.first(std::move(first), config.clock());
    });
}

Stage::~Stage() = default;

void Stage::await_pages(std::chrono::milliseconds limit, const std::atomic<bool>& stop) {
    // Asleep on the loop's wake (show/waker.h), which both the worker (a page made) and the
    // signal thread (a stop) ring: a SIGTERM is acted on at once, not after the wait.
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!stop.load() && !pages_->settled()) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return;
        sleep_until_woken(left);
    }
}

Loaded Stage::load() {
    Diagnostics diags;
    Loaded l;
    l.playlist = content_.load(diags);
    diags.print();
    for (const auto& d : diags.all()) {
        if (l.playlist) l.warnings.push_back(d.format());
        if (d.severity == Severity::Error && !l.error) l.error = d.format();
    }
    if (!l.playlist) {
        if (!l.error) l.error = content_.name() + ": cannot load the playlist";
        return l;
    }
    if (!l.playlist->updated_text.empty()) schedule_.saw(l.playlist->updated);
    schedule_.saw(content_.newest_updated());
    return l;
}

std::unique_ptr<Stage> make_stage(const text::FontCascade& fonts, ContentSource& content, const LoopConfig& config,
                                  int max_texture_guess) {
    std::unique_ptr<Stage> stage;
    run_guarded("the show's start", [&] { stage = std::make_unique<Stage>(fonts, content, config, max_texture_guess); });
    return stage;
}

}  // namespace nb::show
