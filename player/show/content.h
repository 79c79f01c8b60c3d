// Where the frame loop's playlist comes from: a local file, re-read when it changes on disk,
// or (app/synced_content.h) the sync thread's cache of a remote playlist. The loop only asks
// "is there something new?" each turn and takes it at a slide boundary.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/time.h"
#include "playlist/model.h"
#include "show/status.h"

namespace nb::show {

class ContentSource {
  public:
    virtual ~ContentSource() = default;

    // The path or URL, for logs and the standby screen.
    virtual const std::string& name() const = 0;
    // Cheap enough for every turn of the loop: true when load() would give something new.
    virtual bool changed() const = 0;
    // What is there now. nullptr when it does not load; `diags` says why (and carries the
    // warnings and the errors of items left out of a playlist that does load).
    virtual std::shared_ptr<const playlist::Playlist> load(Diagnostics& diags) = 0;
    // Folders whose changes ask the preview to reload: the file's and its media's.
    virtual std::vector<std::string> folders(const playlist::Playlist&) const { return {}; }
    // `wake` is called, from any thread, whenever changed() may have turned true or the sync
    // report changed; it must be cheap and thread-safe.
    virtual void set_wake(std::function<void()> wake) { (void)wake; }
    // The sync's state for the status file; nothing for a local file.
    virtual std::optional<SyncReport> sync_report() const { return std::nullopt; }
    // What load() would give now, without taking it (changed() stays as it was): a fleet
    // screenshot renders the page on screen from it. Any thread; nullptr when there is none.
    virtual std::shared_ptr<const playlist::Playlist> peek() const { return nullptr; }
    // The newest `updated` this source has ever accepted (kept across restarts where it can):
    // before NTP sets the clock, schedules are judged no earlier (show/schedule_clock.h).
    virtual std::optional<TimePoint> newest_updated() const { return std::nullopt; }
    // The sha256 of an edition that crash-looped the player and is kept off screen while the
    // one before it stands in (sync/crash_loop.h); nothing when none is.
    virtual std::optional<std::string> quarantined() const { return std::nullopt; }
};

// A playlist file on this machine; it counts as changed when its mtime, size or inode do.
std::unique_ptr<ContentSource> file_source(std::string path);

}  // namespace nb::show
