# CMake toolchain: arm64 (Raspberry Pi 3, 4, 5, Zero 2 W on 64-bit Raspberry Pi OS).
# cmake -DCMAKE_TOOLCHAIN_FILE=deploy/cross/aarch64-linux-gnu.cmake -DNEWSBOARD_SYSROOT=DIR
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(NEWSBOARD_CROSS_TRIPLET aarch64-linux-gnu)
set(NEWSBOARD_CROSS_DEB_ARCH arm64)
set(NEWSBOARD_CROSS_LOADER /lib/ld-linux-aarch64.so.1)
include("${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake")
