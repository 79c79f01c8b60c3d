#include "app/synced_content.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>

#include "app/crash_log.h"
#include "app/test_faults.h"
#include "core/file.h"
#include "core/ids.h"
#include "core/utf8.h"
#include "sync/sync_log.h"

namespace nb::app {
namespace {

class SyncedContent final : public show::ContentSource {
  public:
    SyncedContent(sync::Syncer syncer, file::Lock lock, std::unique_ptr<CrashLog> crashes)
        : name_(ids::hide_credentials(syncer.config().source)), lock_(std::move(lock)), crashes_(std::move(crashes)) {
        report_.authenticated = syncer.config().authenticated();
        // Before NTP sets the clock, schedules are judged no earlier than this (later editions
        // reach the loop as playlists, whose own `updated` it sees).
        if (const auto& mark = syncer.high_water(); mark && !mark->updated_text.empty()) newest_ = mark->updated;
        if (const auto& cached = syncer.current()) {  // the cache's playlist, before any network
            report_.playlist_id = cached->playlist.id;
            report_.playlist_updated = cached->playlist.updated_text;
            report_.playlist_sha256 = cached->sha256;
        }
        // Last: the thread starts syncing at once and calls observe() from then on.
        thread_ = std::make_unique<sync::SyncThread>(
            std::move(syncer), [this](const sync::SyncOutcome& o) { observe(o); }, [this] { crashes_->flush(); });
    }
    ~SyncedContent() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        hang_.notify_all();
        thread_.reset();         // stops the thread before the members go
        crashes_->clean_exit();  // an orderly stop: not a crash of the edition on screen
    }

    const std::string& name() const override { return name_; }

    std::optional<TimePoint> newest_updated() const override { return newest_; }

    bool changed() const override {
        return thread_->generation() != loaded_generation_;
    }

    std::shared_ptr<const playlist::Playlist> load(Diagnostics& diags) override {
        loaded_generation_ = thread_->generation();
        auto current = thread_->current();
        if (!current) {
            diags.error({name_, 0, 0}, "no playlist in the cache yet; waiting for the first sync");
            return nullptr;
        }
        // The crash marker names what the loop is about to show, from here on: marked when the
        // sync took it, a crash in the moment between (generation() shows a new edition before
        // the sync thread reports it) counted against the old one, and a crash-looping edition
        // escaped its quarantine (cli.test_trust failed so under load).
        crashes_->took(current->sha256);  // "expires": app/expiring_content.h, around this source
        return std::make_shared<const playlist::Playlist>(std::move(current->playlist));
    }

    std::shared_ptr<const playlist::Playlist> peek() const override {
        auto current = thread_->current();
        if (!current) return nullptr;
        return std::make_shared<const playlist::Playlist>(std::move(current->playlist));
    }

    void set_wake(std::function<void()> wake) override {
        std::lock_guard<std::mutex> lock(mutex_);
        wake_ = std::move(wake);
    }

    void sync_now(sync::Awaited edition) { thread_->wake(std::move(edition)); }

    std::optional<std::string> quarantined() const override {
        std::lock_guard<std::mutex> lock(mutex_);
        return report_.quarantined;
    }

    std::optional<show::SyncReport> sync_report() const override {
        std::lock_guard<std::mutex> lock(mutex_);
        return report_;
    }

  private:
    // On the sync thread, after each sync: the log line, the report, a wake for the loop.
    void observe(const sync::SyncOutcome& o) {
        // Which polls get a line: sync/sync_log.h (a failure that lasts, once an hour).
        // Its words name URLs: never with their credentials (ids::hide_credentials), here or in
        // the status file.
        const auto lines = log_.lines(o);
        for (std::size_t i = 0; i < lines.size(); ++i)
            std::fprintf(stderr, i == 0 ? "newsboard: %s\n" : "%s\n", ids::hide_credentials(lines[i]).c_str());
        std::function<void()> wake;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            report_.last_attempt = format_timestamp_utc(o.at);
            report_.result = sync::to_string(o.result);
            if (o.result != sync::SyncResult::Failed) report_.last_success = report_.last_attempt;
            // Texts from outside (a header, a server's or curl's words) go into the status file's
            // JSON: valid UTF-8 only.
            if (!o.validator.empty()) report_.validator = utf8::scrub(o.validator);
            report_.error =
                o.result == sync::SyncResult::Failed ? std::optional<std::string>(utf8::scrub(ids::hide_credentials(o.error))) : std::nullopt;
            report_.next_in_s = o.next_in.count();
            report_.bytes = o.body_bytes + o.header_bytes;
            // To a hundredth of a millisecond: the status file is for people.
            report_.elapsed_ms = std::round(std::chrono::duration<double, std::milli>(o.elapsed).count() * 100) / 100;
            report_.quarantined = o.quarantined.empty() ? std::nullopt : std::optional<std::string>(o.quarantined);
            if (o.held) {
                report_.playlist_id = o.held->id;
                report_.playlist_updated = o.held->updated;
                report_.playlist_sha256 = o.held->sha256;
            }
            wake = wake_;
        }
        // The sync took an edition: never a quarantined one (the Syncer refuses those), so the
        // quarantine is over. The loop's load() of the stand-in lifts nothing.
        if (o.result == sync::SyncResult::Updated) crashes_->lift();
        crashes_->tick(o.at);
        if (wake) wake();
        if (test_sync_hangs()) {  // the test hook: the sync thread stuck after its first sync
            std::unique_lock<std::mutex> lock(mutex_);
            hang_.wait(lock, [this] { return stopping_; });
        }
    }

    std::string name_;
    std::optional<TimePoint> newest_;
    file::Lock lock_;  // the cache is ours while we run
    std::unique_ptr<CrashLog> crashes_;
    mutable std::mutex mutex_;
    show::SyncReport report_;
    std::function<void()> wake_;
    std::condition_variable hang_;  // NEWSBOARD_TEST_SYNC=hang waits here until the end
    bool stopping_ = false;
    sync::SyncLog log_;                        // the sync thread's only
    std::uint64_t loaded_generation_ = 0;      // the loop's thread only
    std::unique_ptr<sync::SyncThread> thread_;
};

// The edition the Syncer is about to load from the cache: the current one, or its previous one
// when the current one is quarantined.
std::string edition_to_load(const sync::Config& config) {
    auto cache = sync::Cache::open(config.cache_dir);
    if (!cache) return {};
    auto stored = cache->current();
    if (!stored || !*stored) return {};
    const sync::Current& c = **stored;
    const auto& q = config.quarantined;
    if (std::find(q.begin(), q.end(), c.playlist_sha256) == q.end()) return c.playlist_sha256;
    return c.previous ? c.previous->playlist_sha256 : std::string();
}

}  // namespace

Result<file::Lock> lock_cache(const std::string& cache_dir) {
    std::error_code ec;
    std::filesystem::create_directories(cache_dir, ec);
    auto lock = file::Lock::take(file::join(cache_dir, "lock"));
    if (!lock)
        return fail("the cache " + cache_dir + " is in use: " + lock.error() +
                    " (is another newsboard running? give each its own --cache)");
    return lock;
}

Result<std::unique_ptr<show::ContentSource>> start_synced_content(sync::Config config, file::Lock lock,
                                                                  std::function<void(sync::Awaited)>* sync_now) {
    // Crashes are counted in the state directory: an edition that crash-loops the player is
    // kept off screen (sync/crash_loop.h).
    auto crashes = std::make_unique<CrashLog>(config.state_dir, nb::now());
    config.quarantined = crashes->quarantined();
    crashes->started(edition_to_load(config), nb::now());  // a crash while loading it counts too
    auto syncer = sync::Syncer::create(std::move(config));
    if (!syncer) return fail(syncer.error());
    for (const auto& note : syncer->notes())
        std::fprintf(stderr, "newsboard: note: %s\n", ids::hide_credentials(note).c_str());
    crashes->started(syncer->current() ? syncer->current()->sha256 : std::string(), nb::now());
    if (!lock.held())
        std::fprintf(stderr, "newsboard: warning: %s; playing without the cache's lock\n", lock.problem().c_str());
    auto synced = std::make_unique<SyncedContent>(std::move(*syncer), std::move(lock), std::move(crashes));
    if (sync_now) *sync_now = [s = synced.get()](sync::Awaited edition) { s->sync_now(std::move(edition)); };
    std::unique_ptr<show::ContentSource> content = std::move(synced);
    return content;
}

}  // namespace nb::app
