// The ContentSource of `play URL` and `preview URL`: the sync thread keeps the cache current,
// and the frame loop takes each new playlist from it. The board starts from the cache at
// once, before and without any network.
#pragma once

#include <functional>
#include <memory>

#include "core/file.h"
#include "core/result.h"
#include "show/content.h"
#include "sync/syncer.h"

namespace nb::app {

// Starts the sync thread; prints the Syncer's start-up notes (unauthenticated content, a
// damaged cache). Errors: the cache folder cannot be made, curl cannot start.
// `sync_now`, when given, is set to a function that makes the sync thread sync at once for the
// edition the fleet's doorbell named (sync/revalidation.h: no 304 trusted until it is served);
// it must not be called after the content source is gone.
// One process per cache (two boards' syncs would collect each other's media): the cache's lock,
// taken before the display opens, so a second player started on a running board's cache (the
// unit started twice, someone at the console) ends with exit 3 without ever putting its window
// over the board's. Errors: another process holds it ("is another newsboard running?").
Result<file::Lock> lock_cache(const std::string& cache_dir);

// `lock` is lock_cache()'s, held for as long as the content source lives.
Result<std::unique_ptr<show::ContentSource>> start_synced_content(
    sync::Config config, file::Lock lock, std::function<void(sync::Awaited)>* sync_now = nullptr);

}  // namespace nb::app
