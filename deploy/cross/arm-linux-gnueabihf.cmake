# CMake toolchain: armhf (32-bit Raspberry Pi OS, every Raspberry Pi from the 2 on).
# cmake -DCMAKE_TOOLCHAIN_FILE=deploy/cross/arm-linux-gnueabihf.cmake -DNEWSBOARD_SYSROOT=DIR
set(CMAKE_SYSTEM_PROCESSOR arm)
set(NEWSBOARD_CROSS_TRIPLET arm-linux-gnueabihf)
set(NEWSBOARD_CROSS_DEB_ARCH armhf)
set(NEWSBOARD_CROSS_LOADER /lib/ld-linux-armhf.so.3)
include("${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake")
