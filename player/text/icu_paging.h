// How the kernel reads ICU's common data from disk: the pages the player uses, not the
// megabytes around them.
#pragma once

namespace nb::text {

// ICU's common data is one read-only mapping of ~30 MB (libicudata.so.72), of which the
// player reads ~50 scattered pages (~200 KB: line and character break rules, time zones).
// On a fault in a file mapping the kernel reads around the page, up to the disk's
// read_ahead_kb: 8 MiB on the side-by-side VM's virtio disk, so a start from a cold page cache
// (a board after a power cut) read 7-27 MB of it before the first slide. madvise(MADV_RANDOM)
// on that mapping reads each page as it is used (tests/bench/first_paint.py --cold). Advice
// only: where it fails, or ICU's data is not a library of its own, nothing changes but speed.
// Call once, before anything uses ICU.
void read_icu_data_as_used();

// Where ICU's common data is mapped (the symbol its library exports, udata.h: icudt72_dat for
// ICU 72); null when no library exports it.
const void* icu_common_data();

}  // namespace nb::text
