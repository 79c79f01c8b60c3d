// The show's half that needs no display: the content source's first playlist, the Director
// with its prepare worker, the glyph cache they share and the schedule clock. play and preview
// make it before the display opens (app/show_command.cpp), so the worker lays out the first
// slide while SDL's video starts and the window is made: on X11 those wait on the server for
// tens of milliseconds, in which the worker has a core. The frame loop (show/loop.h) takes it
// over and adds the painter, the status and the watchdog.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>

#include "render/glyph_cache.h"
#include "show/content.h"
#include "show/director.h"
#include "show/loop_config.h"
#include "show/schedule_clock.h"
#include "text/cascade.h"

namespace nb::show {

class WorkerPages;  // the prepare worker as the Director's PageMaker

class Stage {
  public:
    // Loads the source's playlist and asks the worker for its first page, made for the
    // renderer's texture limit as far as it is known before the renderer exists
    // (platform::likely_max_texture()); opened() gives the real one.
    Stage(const text::FontCascade& fonts, ContentSource& content, const LoopConfig& config, int max_texture_guess);
    ~Stage();
    Stage(const Stage&) = delete;
    Stage& operator=(const Stage&) = delete;

    // The display is open: pages made for another texture limit are made again.
    void opened(int max_texture) { director_.set_max_texture(max_texture); }
    // Until the worker has made what it was asked for (the first slide), or has nothing to do,
    // or `stop` is set (with a wake_loop(), as the signal thread does), for at most `limit`.
    void await_pages(std::chrono::milliseconds limit, const std::atomic<bool>& stop);
    // What the source has now, its diagnostics printed; schedules learn its `updated`.
    Loaded load();

    render::GlyphCache& glyphs() { return glyphs_; }
    ScheduleClock& schedule() { return schedule_; }
    Director& director() { return director_; }

  private:
    ContentSource& content_;
    render::GlyphCache glyphs_;  // shared with the worker (it locks)
    // What schedules are judged at: the wall clock, or the newest `updated` seen before NTP.
    ScheduleClock schedule_;
    std::unique_ptr<WorkerPages> pages_;  // the worker: its thread may call wake_loop() at any time
    Director director_;
};

// A Stage, or null when it cannot be made (what went wrong is printed): never throws.
std::unique_ptr<Stage> make_stage(const text::FontCascade& fonts, ContentSource& content, const LoopConfig& config,
                                  int max_texture_guess);

}  // namespace nb::show
