# The part of the cross toolchain files common to every target: Debian's cross compilers
# (crossbuild-essential-ARCH) against a target root made by deploy/cross/sysroot.sh, and the
# target's test binaries run by user-mode qemu (qemu-<processor>, from qemu-user). Included by
# <triplet>.cmake, which sets CMAKE_SYSTEM_PROCESSOR, NEWSBOARD_CROSS_TRIPLET,
# NEWSBOARD_CROSS_DEB_ARCH and NEWSBOARD_CROSS_LOADER (the target's dynamic loader).
#
# The target root comes from -DNEWSBOARD_SYSROOT=DIR or $NEWSBOARD_SYSROOT (deploy/cross-build.sh
# sets it) and is cached, so a later `cmake --build` that configures again still finds it.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_C_COMPILER ${NEWSBOARD_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${NEWSBOARD_CROSS_TRIPLET}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${NEWSBOARD_CROSS_TRIPLET})

if(NOT NEWSBOARD_SYSROOT)
  set(NEWSBOARD_SYSROOT "$ENV{NEWSBOARD_SYSROOT}" CACHE PATH "target root made by deploy/cross/sysroot.sh")
endif()
if(NOT IS_DIRECTORY "${NEWSBOARD_SYSROOT}/usr/lib/${NEWSBOARD_CROSS_TRIPLET}")
  message(FATAL_ERROR "NEWSBOARD_SYSROOT='${NEWSBOARD_SYSROOT}' is not a ${NEWSBOARD_CROSS_DEB_ARCH} target root: "
                      "make one with deploy/cross/sysroot.sh (deploy/cross-build.sh does)")
endif()
# try_compile() projects read this file too, without the cache.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES NEWSBOARD_SYSROOT)

# The cross compiler brings its own libc and libstdc++; everything else (headers, libraries,
# CMake packages such as nlohmann_json and Catch2) is looked for in the target root only.
set(CMAKE_SYSROOT "${NEWSBOARD_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH "${NEWSBOARD_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config reads only the target's .pc files and prefixes their paths with the target root.
set(ENV{PKG_CONFIG_LIBDIR} "${NEWSBOARD_SYSROOT}/usr/lib/${NEWSBOARD_CROSS_TRIPLET}/pkgconfig:${NEWSBOARD_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${NEWSBOARD_SYSROOT}")

# Tests (ctest, and Catch2's test discovery at build time) run through qemu-user. qemu runs the
# target's dynamic loader with the target root's library folders, rather than `-L ROOT`: -L
# would also put the root's folders over this machine's (its /usr/share/fonts, holding only
# what the build needed, would hide the fonts the tests look for), while this way the program
# sees this machine's files and only its libraries come from the target root. A host program
# it starts (nginx, python3) runs natively.
# The library path also names libpulse's private folder, which libpulse finds through an
# absolute RUNPATH (/usr/lib/<triplet>/pulseaudio) that would point into this machine.
find_program(NEWSBOARD_QEMU qemu-${CMAKE_SYSTEM_PROCESSOR})
if(NEWSBOARD_QEMU)
  set(libs "${NEWSBOARD_SYSROOT}/lib/${NEWSBOARD_CROSS_TRIPLET}")
  string(APPEND libs ":${NEWSBOARD_SYSROOT}/usr/lib/${NEWSBOARD_CROSS_TRIPLET}")
  string(APPEND libs ":${NEWSBOARD_SYSROOT}/usr/lib/${NEWSBOARD_CROSS_TRIPLET}/pulseaudio")
  set(CMAKE_CROSSCOMPILING_EMULATOR
      "${NEWSBOARD_QEMU};${NEWSBOARD_SYSROOT}${NEWSBOARD_CROSS_LOADER};--library-path;${libs}")
endif()

# The Debian package (deploy/packaging/package.cmake): the target's architecture, not this
# machine's, and dpkg-shlibdeps looks for the libraries the binary needs in the target root.
# (deploy/cross-build.sh points DPKG_ADMINDIR at the root's dpkg database so that it finds
# which package holds each one, and sets DEB_HOST_ARCH.)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${NEWSBOARD_CROSS_DEB_ARCH})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS
    "${NEWSBOARD_SYSROOT}/lib/${NEWSBOARD_CROSS_TRIPLET}" "${NEWSBOARD_SYSROOT}/usr/lib/${NEWSBOARD_CROSS_TRIPLET}")
