// The content cache: a folder that survives power cuts. Every file is written to a temp
// file, fsynced and renamed (core/file.h), so after a cut each file is either the old one or
// the new one, never half of either.
//
//   DIR/media/<sha256>             media, named by the SHA-256 of its bytes
//   DIR/playlists/<sha256>         a playlist's exact bytes, and <sha256>.sig its signature
//   DIR/validators.json            the source URL's ETag / Last-Modified and the sha256 of the
//                                  bytes they describe (so a 304 knows which bytes it means)
//   DIR/current                    the playlist on screen: {"source", "playlist" (sha256),
//                                  "updated", "location" (the URL the bytes came from after
//                                  redirects), "media": {url: sha256}}; replaced only after the
//                                  playlist and all its media are in the cache and verified;
//                                  "previous": the same for the edition on screen before it,
//                                  the board's fallback when the new one crash-loops
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/result.h"

namespace nb::sync {

struct Validators {
    std::string source;
    std::string etag;
    std::string last_modified;
    std::string sha256;  // of the playlist bytes these validators belong to
};

// One edition in the cache: its playlist's bytes and every media file it names.
struct CachedEdition {
    std::string playlist_sha256;
    // Where the playlist's bytes came from (its URL after redirects, sync/http.h), which its
    // relative media resolve against; empty in a cache written before it was kept: the source.
    std::string location;
    std::string updated;                       // the playlist's "updated", as written
    std::map<std::string, std::string> media;  // resolved URL -> sha256 of the cached bytes
};

struct Current : CachedEdition {
    std::string source;
    std::optional<CachedEdition> previous;  // the good one before it (sync/crash_loop.h)
};

// $CACHE_DIRECTORY (a systemd unit's CacheDirectory=), or $XDG_CACHE_HOME/newsboard, or
// ~/.cache/newsboard, or /var/cache/newsboard without a home.
std::string default_cache_dir();

// DIR/current, read without opening the cache (nothing made, nothing removed): a look before
// its lock is taken. nullopt when there is none; an error when the file is damaged.
Result<std::optional<Current>> read_current(const std::string& dir);

class Cache {
  public:
    // Creates the folders when missing and removes temp files left by an interrupted write.
    // One process uses a cache at a time.
    static Result<Cache> open(std::string dir);

    const std::string& dir() const { return dir_; }
    std::string media_path(const std::string& sha256) const;
    std::string playlist_path(const std::string& sha256) const;

    bool has_media(const std::string& sha256) const;
    std::uint64_t media_size(const std::string& sha256) const;  // 0 when it is not there
    // The file's bytes still hash to its name (reads the whole file).
    bool media_intact(const std::string& sha256) const;
    void remove_media(const std::string& sha256);
    // Stores bytes under their own sha256; returns it.
    Result<std::string> put_media(std::string_view bytes);
    Status put_playlist(const std::string& sha256, std::string_view bytes, std::string_view signature);
    Result<std::string> read_playlist(const std::string& sha256) const;
    // Empty when there is no signature.
    std::string read_signature(const std::string& sha256) const;

    std::optional<Validators> validators() const;
    Status set_validators(const Validators& v);

    // Removes media and playlists not named in the keep lists (by sha256); returns how many
    // files went. Called after a switch, keeping the new and the previous playlist's files.
    std::size_t collect(const std::set<std::string>& keep_media, const std::set<std::string>& keep_playlists);

    // All the cached files together (media, playlists, signatures), for the quota.
    std::uint64_t size_bytes() const;

    // nullopt when there is none yet; an error when the file exists but is damaged.
    Result<std::optional<Current>> current() const;
    Status set_current(const Current& c);

  private:
    explicit Cache(std::string dir) : dir_(std::move(dir)) {}
    std::string dir_;
};

}  // namespace nb::sync
