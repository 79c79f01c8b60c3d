// libFuzzer target: see layout_entry() in entries.h.
#include "entries.h"
#include "target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return nb::fuzz::run_entry(nb::fuzz::layout_entry, data, size);
}
