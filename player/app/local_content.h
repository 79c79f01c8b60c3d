// The ContentSource of `play FILE` on a board: the file as show::file_source reads it, with the
// crash-loop quarantine a URL source has (sync/crash_loop.h). A playlist file that crashes the
// player three times within minutes gives way to the file's edition before it, says so in the
// status file ("quarantined") and the journal, and the file's next edition lifts it.
//
// The file on disk holds only its newest edition, so the last two editions shown are kept in
// STATE/local/ (current.json, previous.json, and `source`: the path they came from; a board
// given another file starts afresh). A stand-in is parsed with the file's own path, so its
// media are looked for where the file's are (and checked against their pins).
#pragma once

#include <memory>
#include <string>

#include "app/options.h"
#include "show/content.h"

namespace nb::app {

// Where `play FILE` counts crashes: --state, else under systemd its StateDirectory=. Empty (no
// quarantine) for a player started by hand without --state: two of them on one default folder
// would count each other's runs as crashes.
std::string local_state_dir(const Options& o);

// A file source; with a state directory, one that counts crashes and keeps the editions to
// fall back on (a warning, and no quarantine, when the folder cannot be used).
std::unique_ptr<show::ContentSource> local_content(std::string path, const std::string& state_dir);

}  // namespace nb::app
