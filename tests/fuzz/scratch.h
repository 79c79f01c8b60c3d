// A private folder for the fuzz entries' files, made once per process in /dev/shm (so the
// cache's fsyncs cost nothing) or $TMPDIR, and removed when the process ends.
#pragma once

#include <string>
#include <string_view>

namespace nb::fuzz {

// The folder, ending without '/'; the same for the life of the process.
const std::string& scratch_dir();

// Writes `bytes` to scratch_dir()/name (plain write: these are inputs, not state).
std::string put_scratch_file(const std::string& name, std::string_view bytes);

}  // namespace nb::fuzz
