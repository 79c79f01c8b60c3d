// What the kernel shows of a mapping's advice: the VmFlags line of /proc/self/smaps.
#pragma once

#include <sys/mman.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace nbtest {

// The VmFlags line of /proc/self/smaps for the mapping that holds `p`, with a space after it
// ("hg": MADV_HUGEPAGE, "rr": MADV_RANDOM); empty when no mapping holds it.
inline std::string vm_flags_at(const void* p) {
    const auto at = reinterpret_cast<std::uintptr_t>(p);
    std::ifstream smaps("/proc/self/smaps");
    bool inside = false;
    for (std::string line; std::getline(smaps, line);) {
        std::uintptr_t lo = 0, hi = 0;
        char dash = 0;
        std::istringstream range(line);
        if (range >> std::hex >> lo >> dash >> hi && dash == '-') inside = lo <= at && at < hi;
        if (inside && line.rfind("VmFlags:", 0) == 0) return line + " ";
    }
    return "";
}

// Whether this system shows `advice` (MADV_HUGEPAGE, MADV_RANDOM) on a mapping as `flag` in
// smaps: not under qemu-user (the arm64 tests), nor huge pages on a kernel built without them.
inline bool advice_shows(int advice, const std::string& flag) {
    const std::size_t n = std::size_t{4} << 20;
    void* p = mmap(nullptr, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return false;
    const bool shows = madvise(p, n, advice) == 0 && vm_flags_at(p).find(" " + flag + " ") != std::string::npos;
    munmap(p, n);
    return shows;
}

}  // namespace nbtest
