// The body of every LLVMFuzzerTestOneInput: run an entry, and turn a broken promise into a
// crash so that libFuzzer saves the input (tests/fuzz/run.sh, README "Fuzzing").
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace nb::fuzz {

inline int run_entry(std::string (*entry)(std::string_view), const std::uint8_t* data, std::size_t size) {
    const std::string broken = entry(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!broken.empty()) {
        std::fprintf(stderr, "newsboard fuzz: %s\n", broken.c_str());
        std::abort();
    }
    return 0;
}

}  // namespace nb::fuzz
