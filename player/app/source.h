// Where a command's playlist comes from. A file is read as it is; an http(s) URL is fetched
// through the same sync code a board uses (signature, limits, media by sha256) into a
// temporary cache, so `check URL` and `render URL` see exactly what a board would.
#pragma once

#include <memory>
#include <optional>

#include "app/options.h"
#include "core/diagnostic.h"
#include "playlist/model.h"
#include "sync/syncer.h"

namespace nb::app {

struct LoadedSource {
    std::optional<playlist::Playlist> playlist;
    int exit_code = kOk;                    // when there is no playlist: kInvalidContent, kUsage or kRuntime
    std::shared_ptr<void> temporary_cache;  // removed when the last copy goes
};

// Diagnostics go into `diags`; other errors are printed as "newsboard: error: …".
LoadedSource load_source(const Options& o, Diagnostics& diags);

// The sync settings for a URL source: --cache (or the default), --trusted-key, --board-id,
// --poll, --playlist-id, --ca-file and the user agent. No state directory (check and render
// use a temporary cache and --state when given; play and preview add --state or its default). Errors are usage errors (a trusted
// key that is not one).
Result<sync::Config> sync_config(const Options& o);

}  // namespace nb::app
