#include "app/source.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/error_subject.h"
#include "core/ids.h"
#include "core/utf8.h"
#include "playlist/parse.h"

namespace nb::app {
namespace {

// A fresh folder under $TMPDIR, removed with its contents when destroyed.
class TempCache {
  public:
    static std::shared_ptr<TempCache> create() {
        std::string templ = (std::filesystem::temp_directory_path() / "newsboard-XXXXXX").string();
        if (!::mkdtemp(templ.data())) return nullptr;
        return std::make_shared<TempCache>(templ);
    }
    explicit TempCache(std::string path) : path_(std::move(path)) {}
    ~TempCache() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempCache(const TempCache&) = delete;
    TempCache& operator=(const TempCache&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

}  // namespace

Result<TrustedKeys> trusted_keys(const Options& o, UnreadableKey config_key) {
    TrustedKeys out;
    for (const std::string& where : o.trusted_key_lines_unread) {
        // apply_config_file() warned already; the key such a line meant is unknown.
        const std::string why = "trusted key: the line meant for trusted-key cannot be read, so the key it names is unknown";
        if (config_key == UnreadableKey::Fail) return fail(where + why);
        if (!out.unreadable)
            out.unreadable = where + why + "; no edition is taken until the line is fixed (the board trusts no key)";
    }
    for (const std::string& path : o.trusted_keys) {
        auto key = sign::load_trusted({path});
        if (key) {
            out.keys.push_back(key->front());
            continue;
        }
        const std::string where = origin_of(o, "trusted-key", path);
        if (where.empty() || config_key == UnreadableKey::Fail) return fail(key.error());
        const std::string why = utf8::scrub(key.error());
        out.warnings.push_back(where + "warning: " + why +
                               "; the board trusts no key until the line is fixed: it takes no edition and hears "
                               "no doorbell, and keeps showing a signed edition it has");
        if (!out.unreadable)
            out.unreadable = where + why + "; no edition is taken until the line is fixed (the board trusts no key)";
    }
    if (out.unreadable) out.keys.clear();
    return out;
}

std::string cache_dir_of(const Options& o) {
    return o.cache_dir.empty() ? sync::default_cache_dir() : o.cache_dir;
}

sync::Config sync_config(const Options& o, TrustedKeys keys) {
    sync::Config c;
    c.source = o.source;
    c.cache_dir = cache_dir_of(o);
    c.trusted = std::move(keys.keys);
    c.keys_unreadable = std::move(keys.unreadable);
    c.board_id = o.board_id;
    c.poll = Seconds(o.poll_s);
    c.cache_max_bytes = static_cast<std::uint64_t>(o.cache_max_mb) * 1024 * 1024;
    c.playlist_id = o.playlist_id;
    c.http.ca_file = o.ca_file;
    // A test hook, not a user option: the kernel's answer (sync/clock_sync.h) replaced, so a
    // test can check the "more than a day ahead" rule on a machine whose clock is not synced.
    if (const char* v = std::getenv("NEWSBOARD_CLOCK_SYNCHRONISED"); v && *v) {
        const bool yes = std::string(v) == "1";
        c.clock_synchronised = [yes] { return yes; };
    }
    c.http.user_agent = sync::user_agent(NEWSBOARD_VERSION, o.board_id);
    return c;
}

LoadedSource load_source(const Options& o, Diagnostics& diags, TimePoint now) {
    LoadedSource out;
    if (!ids::is_http_url(o.source)) {
        out.playlist = playlist::load(o.source, playlist::MediaCheck::Full, diags);
        if (!out.playlist) out.exit_code = kInvalidContent;
        return out;
    }
    auto keys = trusted_keys(o, UnreadableKey::Fail);
    if (!keys) {
        std::fprintf(stderr, "newsboard: error: %s\n", keys.error().c_str());
        out.exit_code = kUsage;
        return out;
    }
    sync::Config config = sync_config(o, std::move(*keys));
    auto cache = TempCache::create();
    if (!cache) {
        std::fprintf(stderr, "newsboard: error: cannot create a temporary cache folder\n");
        out.exit_code = kRuntime;
        return out;
    }
    config.cache_dir = cache->path();
    // With --state the board's own high-water mark applies (a replayed edition is refused
    // here as on the board); without it the mark lives in memory only.
    config.state_dir = o.state_dir;
    auto syncer = sync::Syncer::create(std::move(config));
    if (!syncer) {
        std::fprintf(stderr, "newsboard: error: %s\n", syncer.error().c_str());
        out.exit_code = kRuntime;
        return out;
    }
    const sync::SyncOutcome outcome = syncer->sync_once(now);
    diags.append(outcome.diagnostics);
    if (outcome.result == sync::SyncResult::Failed || !syncer->current()) {
        if (outcome.invalid_content && !outcome.diagnostics.has_errors()) {
            // Refused content (a signature, a pin, a missing sha256) is the source's error, as
            // for a local file: `URL: error: …`, counted in check's summary.
            const std::string where = ids::hide_credentials(o.source);
            diags.error({where, 0, 0}, without_source(where, ids::hide_credentials(outcome.error)));
        } else if (!outcome.invalid_content) {
            std::fprintf(stderr, "newsboard: error: %s\n", ids::hide_credentials(outcome.error).c_str());
        }
        out.exit_code = outcome.invalid_content ? kInvalidContent : kRuntime;
        return out;
    }
    out.playlist = syncer->current()->playlist;
    out.temporary_cache = std::move(cache);
    return out;
}

std::string without_source(const std::string& source, const std::string& message) {
    return after_subject(message, source).value_or(message);
}

std::string naming_media_as_written(const playlist::Item& item, const std::string& error) {
    for (const playlist::Media* m : playlist::media_of(item))
        if (auto why = after_subject(error, m->resolved)) return m->src + ": " + *why;
    return error;
}

}  // namespace nb::app
