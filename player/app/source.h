// Where a command's playlist comes from. A file is read as it is; an http(s) URL is fetched
// through the same sync code a board uses (signature, limits, media by sha256) into a
// temporary cache, so `check URL` and `render URL` see exactly what a board would.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/options.h"
#include "core/diagnostic.h"
#include "playlist/model.h"
#include "sign/sign.h"
#include "sync/syncer.h"

namespace nb::app {

struct LoadedSource {
    std::optional<playlist::Playlist> playlist;
    int exit_code = kOk;                    // when there is no playlist: kInvalidContent, kUsage or kRuntime
    std::shared_ptr<void> temporary_cache;  // removed when the last copy goes
};

// Diagnostics go into `diags`; other errors are printed as "newsboard: error: …". A URL's
// edition is judged as a board judges it at `now` (its "expires", "updated" ahead of the
// clock): `render --at` passes that instant, so it shows what a board shows then.
LoadedSource load_source(const Options& o, Diagnostics& diags, TimePoint now);

// `message` without a leading "SOURCE: ": the sync's refusals name their source, and a
// diagnostic of the source names it already.
std::string without_source(const std::string& source, const std::string& message);

// `error` of a picture of `item` (render::load_image() names the file it read) with that file
// named as the playlist writes it (`media/garden.jpg`): for a URL the file is the temporary
// cache's, named by its sha256 and gone when the command ends.
std::string naming_media_as_written(const playlist::Item& item, const std::string& error);

// What a trusted key named in a --config file means when it cannot be read (no such file, no
// permission, not a key). One the command line names is always a usage error: a person is
// there to fix it.
enum class UnreadableKey {
    Fail,  // a usage error too: check, render and preview, which a person runs
    // play: the board trusts nothing (sync::Config::keys_unreadable) and plays on
    // with a located warning: it takes no edition and hears no doorbell, and keeps a signed
    // edition it has. Exit 2 would keep it dark for good under the unit's
    // RestartPreventExitStatus=2; leaving out just that key would change what it trusts.
    TrustNothing,
};

// The keys --trusted-key names, read.
struct TrustedKeys {
    std::vector<sign::PublicKey> keys;      // none when `unreadable` is set
    std::optional<std::string> unreadable;  // "FILE:LINE:COL: trusted key: …": the first such line
    std::vector<std::string> warnings;      // "FILE:LINE:COL: warning: …", one per such line
};

// Errors are usage errors: a key that cannot be read, or a config line meant for trusted-key
// that cannot be read (Options::trusted_key_lines_unread), unless `config_key` is TrustNothing
// and the key or line is a config file's.
Result<TrustedKeys> trusted_keys(const Options& o, UnreadableKey config_key);

// --cache, or the default (sync::default_cache_dir()).
std::string cache_dir_of(const Options& o);

// The sync settings for a URL source: --cache (or the default), the keys, --board-id, --poll,
// --playlist-id, --ca-file and the user agent. No state directory (check and render use a
// temporary cache and --state when given; play and preview add --state or its default).
sync::Config sync_config(const Options& o, TrustedKeys keys);

}  // namespace nb::app
