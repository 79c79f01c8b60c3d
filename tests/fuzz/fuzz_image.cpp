// libFuzzer target: see image_entry() in entries.h.
#include "entries.h"
#include "target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return nb::fuzz::run_entry(nb::fuzz::image_entry, data, size);
}
