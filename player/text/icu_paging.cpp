#include "text/icu_paging.h"

#include <dlfcn.h>
#include <link.h>
#include <sys/mman.h>
#include <unicode/utypes.h>
#include <unistd.h>

#include <cstdint>

// A macro's value as a string: U_ICUDATA_ENTRY_POINT's symbol name.
#define NB_NAME_OF(symbol) #symbol
#define NB_NAME(symbol) NB_NAME_OF(symbol)

namespace nb::text {
namespace {

struct Segment {
    std::uintptr_t holding = 0;  // the address it must hold
    std::uintptr_t begin = 0;
    std::uintptr_t end = 0;
};

// The loaded segment of a shared library that holds ICU's data; none when the data is part of
// the program itself (an ICU linked statically): that segment is the player's own.
int find_segment(dl_phdr_info* info, std::size_t, void* segment) {
    auto* found = static_cast<Segment*>(segment);
    const std::uintptr_t at = found->holding;
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)& ph = info->dlpi_phdr[i];
        if (ph.p_type != PT_LOAD) continue;
        const std::uintptr_t begin = info->dlpi_addr + ph.p_vaddr;
        if (at < begin || at >= begin + ph.p_memsz) continue;
        const bool program = !info->dlpi_name || info->dlpi_name[0] == '\0';
        if (!program) found->begin = begin, found->end = begin + ph.p_memsz;
        return 1;
    }
    return 0;
}

}  // namespace

const void* icu_common_data() {
    // Looked up, not declared: a declared reference from the (PIE) program to a library's data
    // is a copy relocation, which copies all 30 MB into the program at every start.
    return dlsym(RTLD_DEFAULT, NB_NAME(U_ICUDATA_ENTRY_POINT));
}

void read_icu_data_as_used() {
    Segment data;
    data.holding = reinterpret_cast<std::uintptr_t>(icu_common_data());
    if (data.holding == 0) return;
    dl_iterate_phdr(find_segment, &data);
    const long page = sysconf(_SC_PAGESIZE);
    if (data.end == 0 || page <= 0) return;
    const std::uintptr_t begin = data.begin & ~(static_cast<std::uintptr_t>(page) - 1);
    madvise(reinterpret_cast<void*>(begin), data.end - begin, MADV_RANDOM);
}

}  // namespace nb::text
