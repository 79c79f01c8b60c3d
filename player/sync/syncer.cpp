#include "sync/syncer.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "core/diagnostic.h"
#include "core/ids.h"
#include "core/sha256.h"
#include "playlist/media.h"
#include "playlist/parse.h"
#include "sync/clock_sync.h"
#include "sync/crash_loop.h"

namespace nb::sync {
namespace {

// Before this instant a board's clock is certainly wrong (this version did not exist yet);
// TLS failures then get the "certificates not yet valid" hint. Moved forward at each release.
constexpr std::int64_t kReleaseDateUnix = 1761955200;  // 2025-11-01T00:00:00Z

// A playlist from the source: its relative media resolve against `location`, where its bytes
// came from (sync/http.h), and its diagnostics name the source without the URL's user and
// password: `check` and `render` print them as they are.
std::optional<playlist::Playlist> parse_remote(const std::string& bytes, const std::string& source,
                                               const std::string& location, Diagnostics& diags) {
    return playlist::parse(bytes, ids::hide_credentials(source), playlist::MediaCheck::Structure, diags,
                           location.empty() ? source : location);
}

// The sha256 a cached edition names an unpinned picture by: its URL, else the URL an earlier
// version fetched the same name at (ids.h), so that version's cache still plays offline.
std::string cached_sha_of(const CachedEdition& e, const std::string& source, const playlist::Media& m) {
    auto it = e.media.find(m.resolved);
    const std::string base = playlist::media_base(e.location.empty() ? source : e.location);
    if (it == e.media.end() && !ids::is_http_url(m.src) && m.resolved.compare(0, base.size(), base) == 0)
        it = e.media.find(base +
                          ids::url_path_before_names_were_encoded(std::string_view(m.resolved).substr(base.size())));
    return it == e.media.end() ? std::string() : it->second;
}

std::string first_error(const Diagnostics& diags) {
    for (const Diagnostic& d : diags.all())
        if (d.severity == Severity::Error) return d.format();
    return "the playlist was refused";
}

}  // namespace

const char* to_string(SyncResult r) {
    switch (r) {
        case SyncResult::Unchanged:
            return "unchanged";
        case SyncResult::Updated:
            return "updated";
        case SyncResult::Failed:
            return "failed";
    }
    return "?";
}

std::string describe(const SyncOutcome& o) {
    char cost[96];
    std::snprintf(cost, sizeof cost, "%d request%s, %.1f KiB, %.2f s", o.requests, o.requests == 1 ? "" : "s",
                  static_cast<double>(o.body_bytes + o.header_bytes) / 1024.0,
                  static_cast<double>(o.elapsed.count()) / 1e6);
    if (o.result != SyncResult::Failed) return std::string("sync: ") + to_string(o.result) + " (" + cost + ")";
    return "sync: failed: " + o.error + "; trying again in " + std::to_string(o.next_in.count()) + " s";
}

std::optional<std::string> unpinned(const playlist::Item& item, const playlist::Media& m) {
    if (!m.sha256.empty()) return std::nullopt;
    return "item \"" + item.id + "\": media " + m.src +
           " has no \"sha256\"; boards with trusted keys need it for every remote file";
}

std::string user_agent(const std::string& version, const std::string& board_id) {
    return "newsboard/" + version + " (" + (board_id.empty() ? "unnamed board" : board_id) + ")";
}

Syncer::Syncer(Config config, Http http, Cache cache, std::optional<BoardState> state,
               std::shared_ptr<std::atomic<bool>> cancel)
    : config_(std::move(config)),
      http_(std::move(http)),
      cache_(std::move(cache)),
      state_(std::move(state)),
      cancel_(std::move(cancel)) {
    jitter_.seed(config_.jitter_seed ? config_.jitter_seed : std::random_device{}());
}

Result<Syncer> Syncer::create(Config config) {
    if (!ids::is_http_url(config.source))
        return fail("sync: the source must be an http:// or https:// URL, got \"" + config.source + "\"");
    if (config.http.user_agent.empty()) config.http.user_agent = user_agent("0", config.board_id);
    if (config.http.earliest_plausible_time == TimePoint{})
        config.http.earliest_plausible_time = TimePoint(Seconds(kReleaseDateUnix));
    auto cache = Cache::open(config.cache_dir);
    if (!cache) return fail(cache.error());
    std::optional<BoardState> state;
    if (!config.state_dir.empty()) {
        auto opened = BoardState::open(config.state_dir);
        if (!opened) return fail(opened.error());
        state = std::move(*opened);
    }
    if (!config.clock_synchronised) config.clock_synchronised = system_clock_synchronised;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    config.http.cancel = cancel;
    auto http = Http::create(config.http);
    if (!http) return fail(http.error());
    Syncer s(std::move(config), std::move(*http), std::move(*cache), std::move(state), std::move(cancel));
    if (s.state_) {
        auto mark = s.state_->high_water(s.config_.source);
        if (mark) {
            s.mark_ = *mark;
        } else if (s.config_.authenticated()) {
            s.mark_lost_ = mark.error() +
                           "; new editions are refused, the cached one plays (to accept editions "
                           "again, remove the damaged file: the board then takes any edition its "
                           "keys signed)";
            s.notes_.push_back(*s.mark_lost_);
        }
    }
    if (!s.config_.authenticated())
        s.notes_.push_back("no --trusted-key: content from " + s.config_.source +
                           " is unauthenticated; anyone who can change it can put it on screen");
    s.load_current();
    if (s.stored_) s.collect_leftovers();  // not when `current` did not read: a person may want it
    return s;
}

// The board starts from the cache, before and without any network. What was current is
// checked again as if it had just arrived (the trusted keys may have changed since). A
// quarantined edition (sync/crash_loop.h) gives way to the previous good one.
void Syncer::load_current() {
    auto stored = cache_.current();
    if (!stored) {
        notes_.push_back(stored.error() + "; starting without cached content");
        return;
    }
    if (!*stored) return;
    const Current& c = **stored;
    if (c.source != config_.source) {
        notes_.push_back("the cache holds a playlist from " + c.source + ", not " + config_.source + "; not shown");
        return;
    }
    stored_ = c;
    if (!quarantined(c.playlist_sha256)) {
        load_edition(c, Fallback::No);
        return;
    }
    avoided_ = c.playlist_sha256;
    const std::string why = "quarantined: the edition " + c.playlist_sha256 + " (updated " + c.updated +
                            ") crashed the player " + std::to_string(kCrashesToQuarantine) +
                            " times within minutes; it is not shown until a new edition is published";
    if (!c.previous || quarantined(c.previous->playlist_sha256)) {
        notes_.push_back(why + "; no previous good edition is in the cache: the standby screen meanwhile");
        return;
    }
    notes_.push_back(why + "; the previous edition (updated " + c.previous->updated + ") plays meanwhile");
    load_edition(*c.previous, Fallback::Yes);
}

void Syncer::load_edition(const CachedEdition& c, Fallback fallback) {
    auto bytes = cache_.read_playlist(c.playlist_sha256);
    if (!bytes) {
        notes_.push_back(bytes.error());
        return;
    }
    if (config_.keys_unreadable) {
        // No key to check it with now: only an edition taken with keys, whose signature was
        // checked and stored then, is still the staff's.
        if (cache_.read_signature(c.playlist_sha256).empty()) {
            notes_.push_back("cached playlist: taken without a signature, and the trusted keys cannot be read; "
                             "not shown");
            return;
        }
    } else if (!config_.trusted.empty()) {
        if (Status s = sign::verify(*bytes, cache_.read_signature(c.playlist_sha256), config_.trusted); !s) {
            notes_.push_back("cached playlist: " + s.error() + "; not shown");
            return;
        }
    }
    Diagnostics diags;
    auto parsed = parse_remote(*bytes, config_.source, c.location, diags);
    if (!parsed) {
        notes_.push_back("cached playlist: " + first_error(diags));
        return;
    }
    if (auto why = wrong_id(*parsed)) {
        notes_.push_back("cached playlist: " + *why + "; not shown");
        return;
    }
    // Not the clock rules: nothing here reads the clock, and the first sync applies them. Nor
    // the mark for the fallback: it was taken before the quarantined edition, so it is older.
    if (config_.authenticated() && fallback == Fallback::No) {
        const Edition e{parsed->updated_text, parsed->updated, c.playlist_sha256, std::nullopt};
        if (auto why = refuse_edition("cached playlist", e, mark_, TimePoint::max(), ClockState::Unknown)) {
            notes_.push_back(*why + "; not shown");
            return;
        }
    }
    for (auto& item : parsed->items)
        for (playlist::Media* m : playlist::media_of(item)) {
            // A pinned picture is its pin's file, whatever URL brought it (a cache written by a
            // version that made other URLs of some names: '%', '?', '#'); an unpinned one is
            // known by its URL, as this version or that one made it.
            const std::string sha = m->sha256.empty() ? cached_sha_of(c, config_.source, *m) : m->sha256;
            if (sha.empty() || !cache_.has_media(sha)) {
                notes_.push_back("cached playlist: media " + m->resolved + " is not in the cache; not shown");
                return;
            }
            // Checked against its pin once per start: an SD card that rots a picture must not put
            // other bytes on screen. The rotten file goes, and the next sync fetches it again.
            if (!cache_.media_intact(sha)) {
                cache_.remove_media(sha);
                notes_.push_back("cached playlist: media " + m->resolved + " (" + cache_.media_path(sha) +
                                 ") no longer matches its sha256; removed, and fetched again at the next sync");
                return;
            }
            m->resolved = cache_.media_path(sha);
        }
    if (config_.authenticated() && fallback == Fallback::No) raise_mark(*parsed, c.playlist_sha256);
    current_ = CachedPlaylist{std::move(*parsed), c.playlist_sha256, config_.source};
    shown_ = c;
}

bool Syncer::quarantined(const std::string& sha) const {
    return std::find(config_.quarantined.begin(), config_.quarantined.end(), sha) != config_.quarantined.end();
}

bool Syncer::on_screen(const std::string& sha, const std::string& location) const {
    if (!current_ || current_->sha256 != sha || !shown_) return false;
    return (shown_->location.empty() ? config_.source : shown_->location) == location;
}

// Everything in the cache that no edition worth keeping names goes: the media of syncs that
// failed (a refused edition, one too big for the cache), leftovers of a run cut short. Kept:
// the edition on screen, the cache's current and previous ones, the validators' bytes.
void Syncer::collect_leftovers() {
    std::set<std::string> keep_media, keep_playlists;
    auto keep = [&](const CachedEdition& e) {
        keep_playlists.insert(e.playlist_sha256);
        for (const auto& [url, sha] : e.media) keep_media.insert(sha);
    };
    if (shown_) keep(*shown_);
    if (stored_) {
        keep(*stored_);
        if (stored_->previous) keep(*stored_->previous);
    }
    if (auto v = cache_.validators()) keep_playlists.insert(v->sha256);
    cache_.collect(keep_media, keep_playlists);
}

std::optional<std::string> Syncer::wrong_id(const playlist::Playlist& p) const {
    if (config_.playlist_id.empty() || p.id == config_.playlist_id) return std::nullopt;
    return config_.source + ": the playlist's \"id\" is \"" + p.id + "\", but this board takes only \"" +
           config_.playlist_id + "\" (--playlist-id); refused (is the URL or the board's group right?)";
}

std::optional<std::string> Syncer::refusal(const playlist::Playlist& p, const std::string& sha, TimePoint now) const {
    const Edition e{p.updated_text, p.updated, sha, p.expires};
    const ClockState clock = config_.clock_synchronised() ? ClockState::Synchronised : ClockState::Unknown;
    return refuse_edition(config_.source, e, mark_, now, clock);
}

// After an edition is taken: the mark moves up to it, in memory and in the state directory
// (written after `current`, so a power cut between leaves a mark no newer than the cache).
void Syncer::raise_mark(const playlist::Playlist& p, const std::string& sha) {
    if (mark_lost_ || p.updated_text.empty() || (mark_ && (p.updated < mark_->updated || mark_->sha256 == sha))) return;
    mark_ = HighWater{p.updated_text, p.updated, sha};
    mark_unsaved_ = state_.has_value();
    if (settling_ == Settling::Inline) settle();
}

void Syncer::settle() {
    if (leftovers_) {
        leftovers_ = false;
        collect_leftovers();
    }
    if (!mark_unsaved_) return;
    mark_unsaved_ = false;
    if (Status s = state_->set_high_water(config_.source, *mark_); !s)
        std::fprintf(stderr, "newsboard: warning: %s; an older edition could be replayed after the cache is lost\n",
                     s.error().c_str());
}

void Syncer::count(SyncOutcome& out, const Response& r) {
    out.requests += 1;
    out.body_bytes += r.body_bytes;
    out.header_bytes += r.header_bytes;
    out.request_bytes += r.request_bytes;
    out.elapsed += r.elapsed;
}

SyncOutcome& Syncer::failed(SyncOutcome& out, const std::string& error, Retry retry, Cause cause) {
    out.result = SyncResult::Failed;
    out.invalid_content = cause == Cause::Content;
    out.error = error;
    out.retry = retry;
    if (retry == Retry::Soon) {
        // Exponential backoff with jitter: first, 2×first, 4×first … up to the cap, each
        // scaled by a random factor in [0.5, 1] so a fleet does not retry in step.
        const int doublings = std::min(failures_in_a_row_, 20);
        const double full = std::min(static_cast<double>(config_.backoff_cap.count()),
                                     static_cast<double>(config_.backoff_first.count()) * double(1 << doublings));
        std::uniform_real_distribution<double> factor(0.5, 1.0);
        out.next_in = Seconds(std::max<std::int64_t>(1, static_cast<std::int64_t>(full * factor(jitter_))));
        out.next_in = std::max(out.next_in, std::min(out.server_asked, config_.backoff_cap));
    } else {
        out.next_in = next_poll();
    }
    ++failures_in_a_row_;
    return out;
}

// The source still serves the edition on screen: all is well unless it has expired since.
SyncOutcome& Syncer::unchanged(SyncOutcome& out, TimePoint now) {
    if (auto why = expired(config_.source, current_->playlist.expires, now))
        return failed(out, *why, Retry::NextPoll, Cause::Content);
    return succeeded(out, SyncResult::Unchanged);
}

SyncOutcome& Syncer::succeeded(SyncOutcome& out, SyncResult result) {
    out.result = result;
    out.next_in = next_poll();
    failures_in_a_row_ = 0;
    return out;
}

// The poll interval less up to a quarter at random: boards that synced together (a doorbell,
// a power cut's restart) would otherwise poll in step for ever, every board of a fleet in the
// same second. Never longer than the poll, so "at most one poll behind" still holds; polls of
// a few seconds (tests) are kept as they are.
Seconds Syncer::next_poll() {
    if (config_.poll < Seconds(4)) return config_.poll;
    std::uniform_int_distribution<std::int64_t> less(0, config_.poll.count() / 4);
    return config_.poll - Seconds(less(jitter_));
}

// The sha256 of the cached copy, or nothing with `error` set.
std::optional<std::string> Syncer::fetch_media(const playlist::Media& m, std::uint64_t max_bytes, TimePoint now,
                                               SyncOutcome& out, std::string& error, Cause& cause, bool& too_large) {
    if (!m.sha256.empty() && cache_.has_media(m.sha256)) return m.sha256;
    Fetched f = http_.get({m.resolved, max_bytes, {}, {}}, now);
    if (f.failure) {
        error = "media: " + f.failure->text();
        out.retry = f.failure->retry;
        out.server_asked = f.failure->retry_after;
        too_large = f.failure->too_large;
        return std::nullopt;
    }
    downloaded_ = true;
    count(out, *f.response);
    const std::string actual = sha256_hex(f.response->body);
    if (!m.sha256.empty() && actual != m.sha256) {
        error = "media: " + m.resolved + ": its sha256 is " + actual + " but the playlist pins " + m.sha256 +
                " (upload the media before the playlist, or fix the playlist's sha256)";
        out.retry = Retry::NextPoll;
        cause = Cause::Content;
        return std::nullopt;
    }
    auto stored = cache_.put_media(f.response->body);
    if (!stored) {
        error = stored.error();
        out.retry = Retry::Soon;
        return std::nullopt;
    }
    return *stored;
}

SyncOutcome Syncer::sync_once(TimePoint now) noexcept {
    SyncOutcome out;
    try {
        out = attempt(now);
        // The media a failed sync brought go, when a retry will not want them soon: the
        // edition was refused, or they push the cache past its limit.
        if (out.result == SyncResult::Failed && downloaded_ &&
            (out.invalid_content || (config_.cache_max_bytes > 0 && cache_.size_bytes() > config_.cache_max_bytes)))
            collect_leftovers();
    } catch (const std::exception& e) {
        out = SyncOutcome{};
        out.at = now;
        failed(out,
               std::string("internal error while syncing ") + config_.source + ": " + e.what() +
                   " (the playlist on screen stays; please report this)",
               Retry::Soon);
    } catch (...) {
        out = SyncOutcome{};
        out.at = now;
        failed(out, "internal error while syncing " + config_.source + " (the playlist on screen stays)", Retry::Soon);
    }
    downloaded_ = false;
    if (awaited_) {
        std::optional<TimePoint> held_updated;
        if (current_ && !current_->playlist.updated_text.empty()) held_updated = current_->playlist.updated;
        if (wait_after_sync(*awaited_, served_, held_updated) == Wait::Over) awaited_.reset();
    }
    served_.clear();
    if (current_)
        out.held = SyncOutcome::Held{current_->playlist.id, current_->playlist.updated_text, current_->sha256};
    if (avoided_) out.quarantined = *avoided_;
    return out;
}

SyncOutcome Syncer::attempt(TimePoint now) {
    SyncOutcome out;
    out.at = now;
    // 0. Keys that cannot be read trust nothing: no edition could be taken, so nothing is
    //    fetched. Not the content's fault (a person fixes the board's configuration).
    if (config_.keys_unreadable) return failed(out, *config_.keys_unreadable, Retry::NextPoll);

    // 1. The playlist, conditionally: a 304 costs a few hundred bytes of headers. Not while a
    //    doorbell's edition is awaited: the server has other bytes than the validators describe,
    //    and they may describe those too (sync/revalidation.h).
    std::optional<Validators> held = cache_.validators();
    if (held && held->source != config_.source) held.reset();
    Request request{config_.source, config_.max_playlist_bytes, {}, {}};
    const Validation validation = playlist_request(held, awaited_);
    if (validation == Validation::Conditional) {
        request.if_none_match = held->etag;
        request.if_modified_since = held->last_modified;
    }
    Fetched f = http_.get(request, now);
    if (f.failure) {
        // The server answered a conditional request with a refusal: our validators may be why
        // (its header buffers, a precondition it will not take), and would be at every poll.
        // The next poll asks for the whole playlist; the bytes held stay as they are.
        if (validation == Validation::Conditional && f.failure->status != 0)
            (void)cache_.set_validators({config_.source, {}, {}, held->sha256});
        out.server_asked = f.failure->retry_after;
        return failed(out, f.failure->text(), f.failure->retry);
    }
    count(out, *f.response);
    out.validator = !f.response->etag.empty() ? f.response->etag : f.response->last_modified;
    // Relative media resolve where the playlist really came from: a redirect (a site moved, a
    // board's name sent on to its group's folder) names the folder they are in. The redirect
    // rules (http/https only, never down from https, at most 5) are http.h's, for both.
    const std::string location = f.response->url;

    std::string bytes, sha;
    if (f.response->status == 304) {
        if (validation == Validation::Unconditional)
            return failed(out,
                          config_.source + ": HTTP 304 to an unconditional request (\"not modified\" though this "
                                           "board sent no validators: a fault of the server or of a cache on the "
                                           "way; check their caching settings)",
                          Retry::NextPoll);
        if (on_screen(held->sha256, location)) return unchanged(out, now);
        // Not modified, but not current either (its media or signature failed before): the
        // bytes are in the cache; try the rest again.
        auto cached = cache_.read_playlist(held->sha256);
        if (!cached) {
            (void)cache_.set_validators({config_.source, {}, {}, std::string(64, '0')});
            return failed(out, cached.error() + "; fetching it whole next time", Retry::Soon);
        }
        bytes = std::move(*cached);
        sha = held->sha256;
    } else {
        bytes = std::move(f.response->body);
        sha = sha256_hex(bytes);
        served_ = sha;
    }
    const bool same_as_current = on_screen(sha, location);
    // The edition on screen, landed somewhere else now: taken again as if new (its media
    // resolved from here, fetched where missing), its previous edition kept as the fallback.
    const bool relocated = !same_as_current && current_ && current_->sha256 == sha;
    if (quarantined(sha)) {
        avoided_ = sha;
        return failed(out,
                      config_.source + ": quarantined: this edition (sha256 " + sha + ") crashed the player " +
                          std::to_string(kCrashesToQuarantine) + " times within minutes; " +
                          (current_ ? "the previous edition plays" : "the standby screen shows") +
                          " until a new edition is published (please report the crash with this playlist)",
                      Retry::NextPoll, Cause::Content);
    }

    // 2. The signature, whenever the bytes are not the ones on screen.
    std::string signature;
    if (!config_.trusted.empty() && !same_as_current) {
        Fetched s = http_.get({ids::signature_url(config_.source), size_limits::kMaxSignatureBytes, {}, {}}, now);
        if (s.failure) {
            out.server_asked = s.failure->retry_after;
            return failed(out, "signature: " + s.failure->text(), s.failure->retry);
        }
        count(out, *s.response);
        signature = std::move(s.response->body);
        if (Status v = sign::verify(bytes, signature, config_.trusted); !v)
            return failed(out, config_.source + ": signature: " + v.error(), Retry::NextPoll, Cause::Content);
    }

    // 3. Into the cache, then the validators that point at it (so a 304 always finds them).
    if (f.response->status == 200) {
        if (!same_as_current) {
            if (Status s = cache_.put_playlist(sha, bytes, signature); !s) return failed(out, s.error(), Retry::Soon);
        }
        // Always, even when empty: validators of older bytes must not outlive them, or a 304
        // would be taken to mean those bytes. Empty too when they could also describe the next
        // bytes (a file changed within the second it was served: sync/revalidation.h): the
        // next poll is a whole GET. (Unless nothing changed: spare the SD card.)
        Validators fresh{config_.source, {}, {}, sha};
        if (validators_fit(f.response->last_modified, f.response->date) == Validation::Conditional) {
            fresh.etag = f.response->etag;
            fresh.last_modified = f.response->last_modified;
        }
        const bool same =
            held && held->etag == fresh.etag && held->last_modified == fresh.last_modified && held->sha256 == sha;
        if (!same) {
            if (Status s = cache_.set_validators(fresh); !s) return failed(out, "cache: " + s.error(), Retry::Soon);
        }
    }
    if (same_as_current) return unchanged(out, now);

    // 4. The playlist itself.
    Diagnostics diags;
    auto parsed = parse_remote(bytes, config_.source, location, diags);
    out.diagnostics = diags;
    if (!parsed) return failed(out, first_error(diags), Retry::NextPoll, Cause::Content);
    if (auto why = wrong_id(*parsed)) return failed(out, *why, Retry::NextPoll, Cause::Content);
    if (auto why = expired(config_.source, parsed->expires, now))
        return failed(out, *why, Retry::NextPoll, Cause::Content);
    if (!config_.trusted.empty()) {
        if (mark_lost_) return failed(out, config_.source + ": " + *mark_lost_, Retry::NextPoll, Cause::Content);
        if (auto why = refusal(*parsed, sha, now)) return failed(out, *why, Retry::NextPoll, Cause::Content);
        for (const auto& item : parsed->items)
            for (const playlist::Media* m : playlist::media_of(item))
                if (auto why = unpinned(item, *m))
                    return failed(out, m->where.path + ": " + *why, Retry::NextPoll, Cause::Content);
    }

    // 5. Every media file, each once. With --cache-max the edition must fit by itself: each
    //    download may take only what is left, so one too big stops as soon as it passes.
    Current next;
    next.source = config_.source;
    next.playlist_sha256 = sha;
    next.location = location;
    next.updated = parsed->updated_text;
    std::uint64_t edition_bytes = bytes.size();
    const auto too_big = [&](SyncOutcome& o) -> SyncOutcome& {
        return failed(o,
                      config_.source + ": this edition with its media needs more than the cache's limit of " +
                          std::to_string(config_.cache_max_bytes / 1024) + " KiB (--cache-max); refused before " +
                          "downloading the rest, the edition on screen stays (raise --cache-max, or publish " +
                          "smaller pictures)",
                      Retry::NextPoll, Cause::Content);
    };
    for (const auto& item : parsed->items)
        for (const playlist::Media* m : playlist::media_of(item)) {
            if (next.media.count(m->resolved)) continue;
            std::uint64_t limit = config_.max_media_bytes;
            if (config_.cache_max_bytes > 0) {
                if (edition_bytes >= config_.cache_max_bytes) return too_big(out);
                limit = std::min(limit, config_.cache_max_bytes - edition_bytes);
            }
            std::string error;
            Cause cause = Cause::Transfer;
            bool too_large = false;
            auto media_sha = fetch_media(*m, limit, now, out, error, cause, too_large);
            if (!media_sha && too_large && limit < config_.max_media_bytes) return too_big(out);
            if (!media_sha) return failed(out, error, out.retry, cause);
            next.media[m->resolved] = *media_sha;
            edition_bytes += cache_.media_size(*media_sha);
            if (config_.cache_max_bytes > 0 && edition_bytes > config_.cache_max_bytes) return too_big(out);
        }

    // 6. Switch: one atomic rename makes the new playlist current, the one on screen its
    //    previous (the fallback should the new one crash-loop the player).
    next.previous = relocated ? (stored_ ? stored_->previous : std::nullopt) : shown_;
    if (Status s = cache_.set_current(next); !s) return failed(out, "cache: " + s.error(), Retry::Soon);
    stored_ = next;

    // 7. Keep the new and the previous playlist's files (the screen may still show the old
    //    one until the next slide), and let the rest go: at settle() (a cache under a quota
    //    must know its size now).
    if (settling_ == Settling::Later && config_.cache_max_bytes == 0)
        leftovers_ = true;
    else
        collect_leftovers();
    if (config_.cache_max_bytes > 0 && cache_.size_bytes() > config_.cache_max_bytes) {
        // Over the quota: the previous playlist's files go too, and with them the fallback.
        std::set<std::string> only_new;
        for (const auto& [url, media_sha] : next.media) only_new.insert(media_sha);
        cache_.collect(only_new, {sha});
        next.previous.reset();
        if (cache_.set_current(next)) stored_ = next;
        if (const std::uint64_t left = cache_.size_bytes(); left > config_.cache_max_bytes)
            std::fprintf(stderr,
                         "newsboard: warning: cache: the playlist on screen needs %llu KiB, more than the "
                         "cache's limit of %llu KiB; kept anyway (raise --cache-max)\n",
                         static_cast<unsigned long long>(left / 1024),
                         static_cast<unsigned long long>(config_.cache_max_bytes / 1024));
    }
    for (auto& item : parsed->items)
        for (playlist::Media* m : playlist::media_of(item)) m->resolved = cache_.media_path(next.media.at(m->resolved));
    if (!config_.trusted.empty()) raise_mark(*parsed, sha);
    current_ = CachedPlaylist{std::move(*parsed), sha, config_.source};
    shown_ = static_cast<const CachedEdition&>(next);
    // Another edition than the quarantined ones: the quarantine is over (sync/crash_loop.h).
    config_.quarantined.clear();
    avoided_.reset();
    return succeeded(out, SyncResult::Updated);
}

SyncThread::SyncThread(Syncer syncer, Observer observer, Settled settled)
    : syncer_(std::move(syncer)),
      observer_(std::move(observer)),
      settled_(std::move(settled)),
      current_(syncer_.current()) {
    if (current_) generation_ = 1;
    syncer_.set_settling(Syncer::Settling::Later);
    thread_ = std::thread([this] { run(); });
}

SyncThread::~SyncThread() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    syncer_.cancel();  // a transfer in progress stops too, not only the wait
    wake_.notify_all();
    thread_.join();
}

void SyncThread::run() {
    Heartbeat::OnThisThread bound(heartbeat_);
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stop_) {
        // A wake from here on asks for another sync: one while this sync runs (a doorbell as a
        // poll reads the bytes it replaces) makes the next start as soon as this one ends.
        woken_ = false;
        if (awaited_) syncer_.await(std::move(*awaited_));
        awaited_.reset();
        lock.unlock();
        heartbeat_.beat();
        SyncOutcome outcome = syncer_.sync_once(nb::now());
        lock.lock();
        if (outcome.result == SyncResult::Updated) {
            current_ = syncer_.current();
            ++generation_;
        }
        const Seconds wait = outcome.next_in;
        last_ = outcome;
        ++syncs_;
        changed_.notify_all();
        if (observer_) {
            lock.unlock();
            try {
                observer_(outcome);
            } catch (const std::exception& e) {  // the thread must outlive a fault in reporting
                std::fprintf(stderr, "newsboard: error: sync: reporting the outcome failed: %s\n", e.what());
            } catch (...) {
                std::fprintf(stderr, "newsboard: error: sync: reporting the outcome failed\n");
            }
            lock.lock();
        }
        const auto next = std::chrono::steady_clock::now() + wait;
        if (outcome.result == SyncResult::Updated || syncer_.unsettled()) {
            // The edition is the screen's already. Its chores wait a few seconds (or until the
            // next sync, a wake or the stop): when a doorbell reaches a fleet sharing a machine
            // (a test, a monitoring host), every board switches in the same second, and their
            // fsyncs would delay the others' switches.
            wake_.wait_until(lock, std::min(next, std::chrono::steady_clock::now() + kSettleAfter),
                             [this] { return stop_ || woken_; });
            lock.unlock();
            heartbeat_.beat();
            try {
                syncer_.settle();
                if (settled_) settled_();
            } catch (const std::exception& e) {
                std::fprintf(stderr, "newsboard: error: sync: settling the switch failed: %s\n", e.what());
            } catch (...) {
                std::fprintf(stderr, "newsboard: error: sync: settling the switch failed\n");
            }
            lock.lock();
        }
        heartbeat_.idle();
        wake_.wait_until(lock, next, [this] { return stop_ || woken_; });
    }
}

std::optional<CachedPlaylist> SyncThread::current() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return current_;
}

std::uint64_t SyncThread::generation() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return generation_;
}

std::uint64_t SyncThread::syncs() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return syncs_;
}

std::optional<SyncOutcome> SyncThread::last_outcome() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_;
}

void SyncThread::wake() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

void SyncThread::wake(Awaited edition) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        woken_ = true;
        awaited_ = std::move(edition);
    }
    wake_.notify_all();
}

bool SyncThread::wait_for_syncs(std::uint64_t n, std::chrono::steady_clock::time_point deadline) const {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_until(lock, deadline, [&] { return syncs_ >= n; });
}

}  // namespace nb::sync
