// `play --config FILE` whose file names no source: its `source =` line misspelt (`sorce = …`),
// commented out or emptied while someone edited it. Exit 2 would keep the board dark until a
// person logs in (the unit's RestartPreventExitStatus=2), so a board with an edition in its
// cache plays on from it, with a located warning in the journal and the status file.
//
// It keeps syncing from the URL the cache's `current` records, with the config's trusted keys.
// That URL is the board's own record of where the edition on screen came from, written only
// after the edition verified; every edition taken from it must still be signed by the config's
// keys and pass --playlist-id and the replay mark, as with a `source =` line, so nothing is
// trusted that the keys would not trust, and the staff's corrections, urgent notices and
// expiries still reach the board while the line waits for its fix (a cache-only board would
// show a stale edition until someone noticed). Without a trusted key the board can use (none
// given, or one that cannot be read; --allow-unsigned too, whose permission named no URL) it
// trusts nothing (sync::Config::keys_unreadable): it shows the cached edition only if that was
// signed when taken (its signature stored beside it), and takes no other.
#pragma once

#include "app/options.h"
#include "core/result.h"
#include "sync/syncer.h"

namespace nb::app {

// `o` with SOURCE the URL of its cache's (--cache, or the default) current edition,
// Options::source_lost set and the located warning added to Options::warnings. An error, the
// usage error's text, when the cache holds no edition (or its record cannot be read).
Result<Options> source_from_cache(Options o);

// For a SOURCE from the cache (Options::source_lost) without a trusted key the board can use:
// trust nothing, so the sync takes no edition and the cached one plays only if it was signed.
void trust_cached_source_only(const Options& o, sync::Config& c);

}  // namespace nb::app
