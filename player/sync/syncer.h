// Keeps a remote playlist and its media in the cache, offline first. A Syncer starts from the
// cache (no network needed) and each sync_once() polls the source with a conditional GET; a
// new playlist becomes current only when it, its signature (with trusted keys) and every
// media file are in the cache and verified. Anything less leaves the current one in place and
// reports why. Time is passed in; the only clock read is in SyncThread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/diagnostic.h"
#include "core/limits.h"
#include "core/liveness.h"
#include "core/result.h"
#include "core/time.h"
#include "playlist/model.h"
#include "sign/sign.h"
#include "sync/cache.h"
#include "sync/freshness.h"
#include "sync/state.h"
#include "sync/http.h"
#include "sync/revalidation.h"

namespace nb::sync {

struct Config {
    std::string source;                    // http:// or https:// URL of the playlist; PLAYLIST.sig beside it
    std::string cache_dir;                 // see cache.h
    std::vector<sign::PublicKey> trusted;  // empty: content is unauthenticated
    std::string board_id;                  // for the user agent
    Seconds poll{60};
    Seconds backoff_first{2};  // after the first passing fault; doubles, with jitter, up to the cap
    Seconds backoff_cap{300};
    HttpConfig http;  // user_agent is filled in when empty
    std::uint64_t max_playlist_bytes = size_limits::kMaxPlaylistBytes;
    std::uint64_t max_media_bytes = size_limits::kMaxMediaBytes;
    std::uint32_t jitter_seed = 0;  // 0: from std::random_device
    // The cache's size limit (0: none). Past it, the previous playlist's media go first; the
    // current playlist's media always stay (the board must be able to restart from them).
    std::uint64_t cache_max_bytes = 0;
    // The state directory (state.h): the replay rule's high-water mark lives there, apart from
    // the cache. Empty: the mark lives in memory only (check URL and render URL).
    std::string state_dir;
    // Non-empty: only a playlist with this "id" is taken (one group's signed edition must
    // not play on another group's boards).
    std::string playlist_id;
    // Whether the clock can judge an "updated" in the future; empty: ask the kernel
    // (clock_sync.h).
    std::function<bool()> clock_synchronised;
    // Editions (playlist sha256) that crash-looped the player (sync/crash_loop.h): neither
    // shown from the cache (its previous edition instead) nor taken again from the source,
    // until another edition is taken.
    std::vector<std::string> quarantined;
    // Set when the board was given keys it cannot read (app/source.h: a config file's
    // `trusted-key` line naming a missing file or no key), or plays a URL from its cache with no
    // key to check it (app/cached_source.h), with the located reason: it trusts nothing, and
    // `trusted` is empty. Every sync is refused with this reason before anything is
    // fetched. A cached edition plays only if its signature was stored with it (it was checked
    // when taken, with the keys the board had then), under the replay rule as with keys.
    std::optional<std::string> keys_unreadable;
    // Only signed content is taken: there are trusted keys, or keys that cannot be read.
    bool authenticated() const { return !trusted.empty() || keys_unreadable.has_value(); }
};

// A complete playlist whose media are all in the cache: every Media::resolved names a file.
struct CachedPlaylist {
    playlist::Playlist playlist;
    std::string sha256;
    std::string source;
};

enum class SyncResult { Unchanged, Updated, Failed };

struct SyncOutcome {
    SyncResult result = SyncResult::Unchanged;
    TimePoint at{};
    std::string error;  // with a hint a person can act on; empty unless Failed
    Retry retry = Retry::NextPoll;
    Seconds next_in{0};  // when to try again: the poll interval, or a backoff after a fault
    // What the server asked (Retry-After of a 429 or 503), set before failed(): next_in is
    // then no shorter, up to the backoff's cap (a board never waits longer than that).
    Seconds server_asked{0};
    // The content itself is wrong (syntax, signature, stale, unpinned or mismatched media):
    // retrying will not help until staff publish a fix.
    bool invalid_content = false;
    Diagnostics diagnostics;  // from the playlist's parser: warnings, and errors of left-out items
    std::string validator;    // the ETag (or Last-Modified) the server sent, when it answered
    // The playlist current after this sync (new, or the one kept through a failure).
    struct Held {
        std::string id, updated, sha256;
    };
    std::optional<Held> held;
    // The sha256 of a quarantined edition the board is keeping off screen; empty: none.
    std::string quarantined;
    // What this sync cost on the wire, all requests together.
    int requests = 0;
    std::uint64_t body_bytes = 0;
    std::uint64_t header_bytes = 0;
    std::uint64_t request_bytes = 0;
    std::chrono::microseconds elapsed{0};
};

const char* to_string(SyncResult r);

// One log line: "sync: updated (3 requests, 412 KiB, 0.21 s)" or
// "sync: failed: URL: HTTP 500 (hint); trying again in 8 s".
std::string describe(const SyncOutcome& o);

// "newsboard/0.1.0 (board-id)"
std::string user_agent(const std::string& version, const std::string& board_id);

// A board with trusted keys takes only pictures the signed bytes pin (an unsigned URL could
// serve anything): why picture `m` of `item` is refused, or nothing. `check --trusted-key`
// asks it of a local file too.
std::optional<std::string> unpinned(const playlist::Item& item, const playlist::Media& m);

class Syncer {
  public:
    static Result<Syncer> create(Config config);

    // Never throws: a fault inside (a bug, memory running out) becomes a Failed outcome with a
    // backoff, and the current playlist stays.
    SyncOutcome sync_once(TimePoint now) noexcept;
    const std::optional<CachedPlaylist>& current() const { return current_; }
    // Said once at start-up: the cache could not be loaded, or content is unauthenticated.
    const std::vector<std::string>& notes() const { return notes_; }
    const Config& config() const { return config_; }
    // The newest edition ever taken from this source (kept in the state directory).
    const std::optional<HighWater>& high_water() const { return mark_; }
    // A doorbell named this edition: the next syncs send no validators (a 304 could mean the
    // bytes held) until it is served or superseded (sync/revalidation.h).
    void await(Awaited edition) { awaited_ = std::move(edition); }
    const std::optional<Awaited>& awaited() const { return awaited_; }
    // Stops a sync_once() in progress (it returns Failed) and every later one; safe to call
    // from another thread.
    void cancel() { cancel_->store(true); }
    // With Settling::Later, an edition switch leaves two chores for settle(): the high-water
    // mark's durable copies (the new mark holds in memory at once) and the removal of the files
    // no edition needs. Both are safe to leave: `current` is durable before the switch, and a
    // start raises the mark from it and collects the leftovers. SyncThread settles a few
    // seconds after handing the edition to the screen; a bare sync_once() does it inline.
    enum class Settling { Inline, Later };
    void set_settling(Settling s) { settling_ = s; }
    bool unsettled() const { return mark_unsaved_ || leftovers_; }
    void settle();

  private:
    Syncer(Config config, Http http, Cache cache, std::optional<BoardState> state,
           std::shared_ptr<std::atomic<bool>> cancel);
    SyncOutcome attempt(TimePoint now);
    // Why the signature checks out but the edition must still be refused (trusted keys only).
    std::optional<std::string> refusal(const playlist::Playlist& p, const std::string& sha, TimePoint now) const;
    std::optional<std::string> wrong_id(const playlist::Playlist& p) const;
    void raise_mark(const playlist::Playlist& p, const std::string& sha);
    enum class Cause { Transfer, Content };  // a passing fault, or content staff must fix
    enum class Fallback { No, Yes };  // the previous edition, standing in for a quarantined one
    void load_current();
    void load_edition(const CachedEdition& e, Fallback fallback);
    bool quarantined(const std::string& sha) const;
    // These bytes, landed at `location`, are the edition on screen as it was landed: the same
    // bytes from elsewhere (a redirect that moved, the server's validators unchanged) are taken
    // again, for their relative media resolve there.
    bool on_screen(const std::string& sha, const std::string& location) const;
    void collect_leftovers();
    std::optional<std::string> fetch_media(const playlist::Media& m, std::uint64_t max_bytes, TimePoint now,
                                           SyncOutcome& out, std::string& error, Cause& cause, bool& too_large);
    SyncOutcome& failed(SyncOutcome& out, const std::string& error, Retry retry, Cause cause = Cause::Transfer);
    SyncOutcome& succeeded(SyncOutcome& out, SyncResult result);
    Seconds next_poll();
    SyncOutcome& unchanged(SyncOutcome& out, TimePoint now);
    void count(SyncOutcome& out, const Response& r);

    Config config_;
    Http http_;
    Cache cache_;
    std::optional<BoardState> state_;
    std::optional<HighWater> mark_;  // the newest edition ever taken (trusted keys): state_'s, or newer
    std::optional<std::string> mark_lost_;  // why the state's mark could not be read (it was damaged)
    std::optional<CachedPlaylist> current_;
    std::optional<CachedEdition> shown_;  // current_'s files in the cache
    std::optional<Current> stored_;       // the cache's `current` as last read or written
    std::optional<std::string> avoided_;  // a quarantined edition kept off screen
    bool downloaded_ = false;             // this sync stored media
    std::string served_;                  // the sha256 of the playlist this sync's 200 brought
    std::optional<Awaited> awaited_;      // a doorbell's edition not yet served
    Settling settling_ = Settling::Inline;
    bool mark_unsaved_ = false;  // mark_ is newer than the state directory's (Settling::Later)
    bool leftovers_ = false;     // the cache holds files no edition needs (Settling::Later)
    std::vector<std::string> notes_;
    int failures_in_a_row_ = 0;
    std::mt19937 jitter_;
    std::shared_ptr<std::atomic<bool>> cancel_;  // shared with http_, which polls it
};

// Runs a Syncer on its own thread: a sync at once, then again at each outcome's next_in (or
// sooner on wake()). The frame loop reads current() and generation() between slides.
class SyncThread {
  public:
    // Called on the sync thread after each sync, once current() and generation() show it.
    using Observer = std::function<void(const SyncOutcome&)>;
    // Called on the sync thread when a switch has settled (Syncer::settle(), kSettleAfter after
    // the observer): for the owner's own deferred durable writes.
    using Settled = std::function<void()>;
    explicit SyncThread(Syncer syncer, Observer observer = {}, Settled settled = {});
    static constexpr std::chrono::seconds kSettleAfter{5};
    ~SyncThread();
    SyncThread(const SyncThread&) = delete;
    SyncThread& operator=(const SyncThread&) = delete;

    std::optional<CachedPlaylist> current() const;
    std::uint64_t generation() const;  // grows by one each time current() changes
    std::uint64_t syncs() const;       // how many sync_once calls have finished
    std::optional<SyncOutcome> last_outcome() const;
    void wake();  // sync now instead of at the next deadline
    void wake(Awaited edition);  // the same, for an edition a doorbell named (Syncer::await)
    // Blocks until at least `n` syncs have finished or the deadline passes; true if they have.
    bool wait_for_syncs(std::uint64_t n, std::chrono::steady_clock::time_point deadline) const;

  private:
    void run();

    Syncer syncer_;
    Observer observer_;
    Settled settled_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::condition_variable wake_;
    std::optional<CachedPlaylist> current_;
    std::optional<SyncOutcome> last_;
    std::uint64_t generation_ = 0;
    std::uint64_t syncs_ = 0;
    bool woken_ = false;
    std::optional<Awaited> awaited_;  // for the syncer, at its next sync
    bool stop_ = false;
    // Busy from each sync's start to its end (downloads beat it as they move), idle while it
    // waits for the next poll: the watchdog is fed only while it moves (core/liveness.h).
    Heartbeat heartbeat_{"the sync thread", std::chrono::minutes(2)};
    std::thread thread_;  // last: starts after everything above is built
};

}  // namespace nb::sync
