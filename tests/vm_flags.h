// What the kernel shows of a mapping's advice: the VmFlags line of /proc/self/smaps.
#pragma once

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

}  // namespace nbtest
