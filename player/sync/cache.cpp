#include "sync/cache.h"

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/file.h"
#include "core/ids.h"
#include "core/json_text.h"
#include "core/limits.h"
#include "core/sha256.h"

namespace nb::sync {
namespace {

using ids::is_sha256;
using json_text::string_at;

Result<nlohmann::json> read_json(const std::string& path) {
    auto text = file::read(path, size_limits::kMaxStateFileBytes);
    if (!text) return fail(text.error());
    auto j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return fail(path + ": damaged (not a JSON object)");
    return j;
}

}  // namespace

std::string default_cache_dir() {
    // systemd's CacheDirectory=newsboard sets CACHE_DIRECTORY to /var/cache/newsboard.
    return file::service_dir("CACHE_DIRECTORY", "XDG_CACHE_HOME", ".cache/newsboard", "/var/cache/newsboard");
}

Result<Cache> Cache::open(std::string dir) {
    for (const char* sub : {"media", "playlists"}) {
        std::error_code ec;
        std::filesystem::create_directories(file::join(dir, sub), ec);
        if (ec) return fail("cache: cannot create " + file::join(dir, sub) + ": " + ec.message());
    }
    // A write cut short by a power cut or a kill leaves its temp file (NAME.tmp.PID) behind;
    // the file it was to replace is intact. One process owns a cache, so these are litter.
    for (const char* sub : {".", "media", "playlists"}) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(file::join(dir, sub), ec)) {
            if (entry.path().filename().string().find(".tmp.") != std::string::npos) {
                std::error_code ignored;
                std::filesystem::remove(entry.path(), ignored);
            }
        }
    }
    return Cache(std::move(dir));
}

std::string Cache::media_path(const std::string& sha256) const {
    return file::join(dir_, "media/" + sha256);
}
std::string Cache::playlist_path(const std::string& sha256) const {
    return file::join(dir_, "playlists/" + sha256);
}

bool Cache::has_media(const std::string& sha256) const {
    return file::exists(media_path(sha256));
}

std::uint64_t Cache::media_size(const std::string& sha256) const {
    std::error_code ec;
    const auto size = std::filesystem::file_size(media_path(sha256), ec);
    return ec ? 0 : static_cast<std::uint64_t>(size);
}

bool Cache::media_intact(const std::string& sha256) const {
    auto bytes = file::read(media_path(sha256), size_limits::kMaxMediaBytes);
    return bytes && sha256_hex(*bytes) == sha256;
}

void Cache::remove_media(const std::string& sha256) {
    std::error_code ignored;
    std::filesystem::remove(media_path(sha256), ignored);
}

Result<std::string> Cache::put_media(std::string_view bytes) {
    std::string sha = sha256_hex(bytes);
    if (has_media(sha)) return sha;
    if (Status s = file::write_atomic(media_path(sha), bytes); !s) return fail("cache: " + s.error());
    return sha;
}

Status Cache::put_playlist(const std::string& sha256, std::string_view bytes, std::string_view signature) {
    // The signature first: a playlist file in the cache always has the signature it came with.
    const std::string sig_path = playlist_path(sha256) + ".sig";
    if (!signature.empty()) {
        if (Status s = file::write_atomic(sig_path, signature); !s) return fail("cache: " + s.error());
    } else {
        std::error_code ignored;
        std::filesystem::remove(sig_path, ignored);
    }
    if (Status s = file::write_atomic(playlist_path(sha256), bytes); !s) return fail("cache: " + s.error());
    return success();
}

Result<std::string> Cache::read_playlist(const std::string& sha256) const {
    auto bytes = file::read(playlist_path(sha256), size_limits::kMaxPlaylistBytes);
    if (!bytes) return fail("cache: " + bytes.error());
    if (sha256_hex(*bytes) != sha256) return fail("cache: " + playlist_path(sha256) + " is damaged");
    return bytes;
}

std::string Cache::read_signature(const std::string& sha256) const {
    auto sig = file::read(playlist_path(sha256) + ".sig", size_limits::kMaxSignatureBytes);
    return sig ? *sig : std::string();
}

std::size_t Cache::collect(const std::set<std::string>& keep_media, const std::set<std::string>& keep_playlists) {
    std::size_t removed = 0;
    auto sweep = [&removed](const std::string& folder, const std::set<std::string>& keep) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
            std::string name = entry.path().filename().string();
            if (name.size() > 64 && name.compare(64, std::string::npos, ".sig") == 0) name.resize(64);
            if (keep.count(name)) continue;
            std::error_code ignored;
            if (std::filesystem::remove(entry.path(), ignored)) ++removed;
        }
    };
    sweep(file::join(dir_, "media"), keep_media);
    sweep(file::join(dir_, "playlists"), keep_playlists);
    return removed;
}

std::uint64_t Cache::size_bytes() const {
    std::uint64_t total = 0;
    for (const char* sub : {"media", "playlists"}) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(file::join(dir_, sub), ec)) {
            std::error_code size_ec;
            const auto size = entry.file_size(size_ec);
            if (!size_ec) total += size;
        }
    }
    return total;
}

std::optional<Validators> Cache::validators() const {
    auto j = read_json(file::join(dir_, "validators.json"));
    if (!j) return std::nullopt;
    Validators v{string_at(*j, "source"), string_at(*j, "etag"), string_at(*j, "last_modified"),
                 string_at(*j, "sha256")};
    if (!is_sha256(v.sha256)) return std::nullopt;
    return v;
}

Status Cache::set_validators(const Validators& v) {
    const nlohmann::json j = {
        {"source", v.source}, {"etag", v.etag}, {"last_modified", v.last_modified}, {"sha256", v.sha256}};
    // Atomic but not flushed (file::Durability::Report): only a hint for the next request.
    // A power cut that loses it costs one whole download; one that keeps an older file costs
    // the same (its ETag no longer matches), and a 304 to it reads bytes already durable in
    // playlists/ by their sha256 and verifies their signature again. Two flushes fewer on
    // every edition switch (and on every poll whose ETag moved).
    return file::write_atomic(file::join(dir_, "validators.json"), json_text::dump(j), 0644,
                              file::Durability::Report);
}

namespace {

Status read_edition(const nlohmann::json& j, const std::string& path, CachedEdition& e) {
    e.playlist_sha256 = string_at(j, "playlist");
    e.updated = string_at(j, "updated");
    e.location = string_at(j, "location");
    if (!is_sha256(e.playlist_sha256)) return fail("cache: " + path + ": no playlist sha256");
    if (const auto m = j.find("media"); m != j.end() && m->is_object()) {
        for (const auto& [url, sha] : m->items()) {
            if (!sha.is_string() || !is_sha256(sha.get<std::string>()))
                return fail("cache: " + path + ": bad sha256 for " + url);
            e.media[url] = sha.get<std::string>();
        }
    }
    return success();
}

nlohmann::json edition_json(const CachedEdition& e) {
    nlohmann::json media = nlohmann::json::object();
    for (const auto& [url, sha] : e.media) media[url] = sha;
    nlohmann::json j = {{"playlist", e.playlist_sha256}, {"updated", e.updated}, {"media", media}};
    if (!e.location.empty()) j["location"] = e.location;
    return j;
}

}  // namespace

Result<std::optional<Current>> Cache::current() const {
    return read_current(dir_);
}

Result<std::optional<Current>> read_current(const std::string& dir) {
    const std::string path = file::join(dir, "current");
    if (!file::exists(path)) return std::optional<Current>();
    auto j = read_json(path);
    if (!j) return fail("cache: " + j.error());
    Current c;
    c.source = string_at(*j, "source");
    if (Status s = read_edition(*j, path, c); !s) return fail(s.error());
    // Only a fallback: a damaged one is dropped, not the current edition with it.
    if (const auto p = j->find("previous"); p != j->end() && p->is_object()) {
        CachedEdition previous;
        if (read_edition(*p, path, previous)) c.previous = std::move(previous);
    }
    return std::optional<Current>(std::move(c));
}

Status Cache::set_current(const Current& c) {
    nlohmann::json j = edition_json(c);
    j["source"] = c.source;
    if (c.previous) j["previous"] = edition_json(*c.previous);
    return file::write_atomic(file::join(dir_, "current"), json_text::dump(j));
}

}  // namespace nb::sync
