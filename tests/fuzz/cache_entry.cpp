// What a board reads back at start-up: its cache folder, a cached playlist with its
// signature, and the key files staff paste.
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "core/file.h"
#include "core/sha256.h"
#include "entries.h"
#include "scratch.h"
#include "sign/sign.h"
#include "sync/cache.h"
#include "sync/syncer.h"

namespace nb::fuzz {
namespace {

namespace fs = std::filesystem;

// The source the seeds' `current` names; never contacted (no sync_once()).
constexpr const char* kSource = "http://127.0.0.1:9/playlist.json";

std::vector<std::string> split_parts(std::string_view input) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (parts.size() < 5) {
        const std::size_t at = input.find(kPartSeparator, start);
        if (at == std::string_view::npos) break;
        parts.emplace_back(input.substr(start, at - start));
        start = at + kPartSeparator.size();
    }
    parts.emplace_back(input.substr(std::min(start, input.size())));
    parts.resize(6);
    return parts;
}

// A seed cannot know its playlist's hash before it is written: `current` says @PLAYLIST@
// and @MEDIA@, and the entry puts in the sha256 of the playlist and media parts.
std::string fill_in(std::string text, const std::string& mark, const std::string& sha) {
    for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at + sha.size()))
        text.replace(at, mark.size(), sha);
    return text;
}

bool is_hex64(const std::string& s) {
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// The key part as a public key, or as a secret key (then also a sign/verify round trip).
std::string check_keys(const std::string& key_text, const std::string& playlist, std::vector<sign::PublicKey>& trusted) {
    if (auto pub = sign::parse_public(key_text, "fuzz.pub")) {
        auto again = sign::parse_public(pub->text(), "again.pub");
        if (!again || again->bytes != pub->bytes) return "a public key that does not read back from its own text";
        trusted.push_back(*pub);
    }
    if (auto secret = sign::parse_secret(key_text, "fuzz.key")) {
        const std::string signature = sign::sign(playlist, *secret);
        if (!sign::verify(playlist, signature, {secret->public_key()})) return "a fresh signature that does not verify";
        if (sign::verify(playlist + " ", signature, {secret->public_key()})) return "a signature that verifies changed bytes";
        trusted.push_back(secret->public_key());
    }
    return "";
}

}  // namespace

std::string cache_entry(std::string_view input) {
    const auto parts = split_parts(input);
    const std::string& playlist = parts[2];
    const std::string playlist_sha = sha256_hex(playlist), media_sha = sha256_hex(parts[5]);

    const std::string dir = scratch_dir() + "/cache";
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir + "/playlists", ec);
    fs::create_directories(dir + "/media", ec);
    if (!parts[0].empty())
        put_scratch_file("cache/current", fill_in(fill_in(parts[0], "@PLAYLIST@", playlist_sha), "@MEDIA@", media_sha));
    if (!parts[1].empty()) put_scratch_file("cache/validators.json", fill_in(parts[1], "@PLAYLIST@", playlist_sha));
    put_scratch_file("cache/playlists/" + playlist_sha, playlist);
    if (!parts[3].empty()) put_scratch_file("cache/playlists/" + playlist_sha + ".sig", parts[3]);
    if (!parts[5].empty()) put_scratch_file("cache/media/" + media_sha, parts[5]);
    put_scratch_file("cache/current.tmp.1", "a write a power cut interrupted");

    auto cache = sync::Cache::open(dir);
    if (!cache) return "the cache did not open: " + cache.error();
    if (file::exists(dir + "/current.tmp.1")) return "Cache::open left a temp file behind";
    if (const auto v = cache->validators(); v && !is_hex64(v->sha256)) return "validators with a bad sha256";
    const auto current = cache->current();
    if (current && *current) {
        if (!is_hex64((*current)->playlist_sha256)) return "a current playlist with a bad sha256";
        for (const auto& [url, sha] : (*current)->media)
            if (!is_hex64(sha)) return "current media with a bad sha256";
    }

    std::vector<sign::PublicKey> trusted;
    if (std::string broken = check_keys(parts[4], playlist, trusted); !broken.empty()) return broken;
    const bool signed_ok = static_cast<bool>(sign::verify(playlist, parts[3], trusted));

    // A board starting up: the cache's current playlist, verified and parsed again.
    sync::Config config;
    config.source = kSource;
    config.cache_dir = dir;
    config.trusted = trusted;
    config.jitter_seed = 1;
    auto syncer = sync::Syncer::create(config);
    if (!syncer) return "Syncer::create failed: " + syncer.error();
    if (const auto& shown = syncer->current()) {
        if (!current || !*current || shown->sha256 != (*current)->playlist_sha256) return "showing a playlist current does not name";
        if (shown->sha256 != playlist_sha) return "showing bytes that are not the cached playlist";
        if (!trusted.empty() && !signed_ok) return "showing a cached playlist whose signature fails";
        for (const auto& item : shown->playlist.items)
            if (item.image && !file::exists(item.image->resolved)) return "showing a picture that is not in the cache";
    }
    return "";
}

}  // namespace nb::fuzz
