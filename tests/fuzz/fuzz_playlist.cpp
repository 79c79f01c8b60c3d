// libFuzzer target: see playlist_entry() in entries.h.
#include "entries.h"
#include "target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return nb::fuzz::run_entry(nb::fuzz::playlist_entry, data, size);
}
