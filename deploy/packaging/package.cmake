# Install rules and the Debian packages (CPack DEB, one per component): newsboard (component
# player, for the boards) and newsboard-desk (component desk, its install rules in
# desk/CMakeLists.txt). Included from the top-level CMakeLists.txt.
# deploy/package.sh builds both; deploy/README.md says how to install them.
#
# Configure with -DCMAKE_INSTALL_PREFIX=/usr for a package: the installed font folder is
# compiled into the binary (NEWSBOARD_FONT_DIR_INSTALL) and must match where dpkg puts it.

include(GNUInstallDirs)
# Every rule below without a COMPONENT belongs to the player's package.
set(CMAKE_INSTALL_DEFAULT_COMPONENT_NAME player)

# A packaged binary looks for its fonts only where the package puts them (and in
# $NEWSBOARD_FONT_DIR), not in the source tree it was built from.
option(NEWSBOARD_PACKAGE "Build for the Debian package (deploy/package.sh)" OFF)
if(NEWSBOARD_PACKAGE)
  get_target_property(text_defs nb_text COMPILE_DEFINITIONS)
  list(FILTER text_defs EXCLUDE REGEX "^NEWSBOARD_FONT_DIR_BUILD=")
  set_target_properties(nb_text PROPERTIES COMPILE_DEFINITIONS "${text_defs}")
endif()

set(NEWSBOARD_PKG_DIR "${CMAKE_SOURCE_DIR}/deploy/packaging")
set(NEWSBOARD_PKG_GEN "${CMAKE_BINARY_DIR}/packaging")
# Absolute, so they stay outside the prefix: /etc and /lib/systemd/system (bookworm's unit path).
set(NEWSBOARD_SYSCONF_DIR "/etc/newsboard")
set(NEWSBOARD_UNIT_DIR "/lib/systemd/system")
set(NEWSBOARD_DOC_DIR "${CMAKE_INSTALL_DATAROOTDIR}/doc/newsboard")
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS newsboard RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES fonts/NotoSansCJKsc-Regular.subset.otf fonts/NotoSansCJKsc-Bold.subset.otf fonts/OFL.txt
        DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/newsboard/fonts")
install(FILES deploy/systemd/newsboard.service DESTINATION "${NEWSBOARD_UNIT_DIR}")
install(FILES "${NEWSBOARD_PKG_DIR}/newsboard.conf" DESTINATION "${NEWSBOARD_SYSCONF_DIR}")

# Documentation: the README, the Debian changelog (gzip -n: no timestamp), copyright (DEP-5,
# with the fonts' OFL text) and the manual page.
file(MAKE_DIRECTORY "${NEWSBOARD_PKG_GEN}")
configure_file("${NEWSBOARD_PKG_DIR}/changelog.in" "${NEWSBOARD_PKG_GEN}/changelog" @ONLY)
execute_process(COMMAND gzip -9nc "${NEWSBOARD_PKG_GEN}/changelog"
                OUTPUT_FILE "${NEWSBOARD_PKG_GEN}/changelog.gz" COMMAND_ERROR_IS_FATAL ANY)
file(STRINGS "${CMAKE_SOURCE_DIR}/fonts/OFL.txt" ofl_lines)
set(OFL_TEXT "")
foreach(line IN LISTS ofl_lines)
  string(STRIP "${line}" stripped)
  if(stripped STREQUAL "")
    string(APPEND OFL_TEXT " .\n")
  else()
    string(APPEND OFL_TEXT " ${line}\n")
  endif()
endforeach()
string(STRIP "${OFL_TEXT}" OFL_TEXT)
set(OFL_TEXT " ${OFL_TEXT}")
configure_file("${NEWSBOARD_PKG_DIR}/copyright.in" "${NEWSBOARD_PKG_GEN}/copyright" @ONLY)
install(FILES README.md "${NEWSBOARD_PKG_GEN}/changelog.gz" "${NEWSBOARD_PKG_GEN}/copyright"
        DESTINATION "${NEWSBOARD_DOC_DIR}")
execute_process(COMMAND gzip -9nc "${NEWSBOARD_PKG_DIR}/newsboard.1"
                OUTPUT_FILE "${NEWSBOARD_PKG_GEN}/newsboard.1.gz" COMMAND_ERROR_IS_FATAL ANY)
install(FILES "${NEWSBOARD_PKG_GEN}/newsboard.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")

# The desk's changelog and the same copyright (its fonts are the same subset).
configure_file("${NEWSBOARD_PKG_DIR}/desk/changelog.in" "${NEWSBOARD_PKG_GEN}/desk/changelog" @ONLY)
execute_process(COMMAND gzip -9nc "${NEWSBOARD_PKG_GEN}/desk/changelog"
                OUTPUT_FILE "${NEWSBOARD_PKG_GEN}/desk/changelog.gz" COMMAND_ERROR_IS_FATAL ANY)
install(FILES "${NEWSBOARD_PKG_GEN}/desk/changelog.gz" "${NEWSBOARD_PKG_GEN}/copyright"
        DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/newsboard-desk" COMPONENT desk EXCLUDE_FROM_ALL)

# The packages: one per component, each named and described on its own.
set(CPACK_GENERATOR "DEB")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL player desk)
set(CPACK_PACKAGE_NAME "newsboard")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "Newsboard maintainers <maintainers@users.noreply.r-seed-d3ebf77b.example>")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# dpkg-shlibdeps adds the libraries each binary links; adduser and init-system-helpers serve the
# maintainer scripts.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "")

set(CPACK_DEBIAN_PLAYER_PACKAGE_NAME "newsboard")
set(CPACK_DEBIAN_PLAYER_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PLAYER_DESCRIPTION
    "digital-signage player for public news boards\n"
    "Newsboard shows a local paper's headlines, articles and photos on screens\n"
    "in parks, squares and lobbies. It boots a Raspberry Pi straight into full\n"
    "screen through KMS/DRM, keeps a remote, optionally signed playlist in sync,\n"
    "and lays out Chinese text with ICU line breaking, justified columns and a\n"
    "bundled Noto Sans CJK SC subset.\n"
    "\n"
    "This package installs the player, its fonts, the newsboard systemd service,\n"
    "its configuration in /etc/newsboard, and a system user newsboard.")
string(REPLACE ";" "" CPACK_DEBIAN_PLAYER_DESCRIPTION "${CPACK_DEBIAN_PLAYER_DESCRIPTION}")
# The player opens libcurl.so.4 at its first sync and libmosquitto.so.1 when its MQTT client
# starts (dlopen, player/core/shared_lib.h), so dpkg-shlibdeps no longer sees them: named here,
# at Debian 12's versions.
set(CPACK_DEBIAN_PLAYER_PACKAGE_DEPENDS
    "adduser, init-system-helpers (>= 1.54~), libcurl4 (>= 7.88.1), libmosquitto1 (>= 2.0.11)")
# SDL's KMS/DRM path loads EGL and GLES at run time.
set(CPACK_DEBIAN_PLAYER_PACKAGE_RECOMMENDS "libegl1, libgles2, libgl1-mesa-dri")
set(CPACK_DEBIAN_PLAYER_PACKAGE_CONTROL_EXTRA
    "${NEWSBOARD_PKG_DIR}/conffiles" "${NEWSBOARD_PKG_DIR}/postinst"
    "${NEWSBOARD_PKG_DIR}/prerm" "${NEWSBOARD_PKG_DIR}/postrm")

set(CPACK_DEBIAN_DESK_PACKAGE_NAME "newsboard-desk")
set(CPACK_DEBIAN_DESK_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_DESK_DESCRIPTION
    "newsroom desk for Newsboard: staff edit, preview and publish from a browser\n"
    "The desk is where a paper's staff prepare what the news boards show: forms\n"
    "for articles, photos, galleries and notices, a pasted press-system page cut\n"
    "into items, photo upload, a preview drawn by the player's own renderer, and\n"
    "publishing with roles, signed editions, restore, urgent notices and an\n"
    "audit log.\n"
    "\n"
    "This package installs the desk, its web page, the preview's fonts, the\n"
    "hardened newsboard-desk systemd service (it starts once an administrator has\n"
    "run newsboard-desk init), an example nginx site and a system user\n"
    "newsboard-desk.")
string(REPLACE ";" "" CPACK_DEBIAN_DESK_DESCRIPTION "${CPACK_DEBIAN_DESK_DESCRIPTION}")
set(CPACK_DEBIAN_DESK_PACKAGE_DEPENDS "adduser, init-system-helpers (>= 1.54~)")
set(CPACK_DEBIAN_DESK_PACKAGE_SUGGESTS "nginx")
set(CPACK_DEBIAN_DESK_PACKAGE_CONTROL_EXTRA
    "${NEWSBOARD_PKG_DIR}/desk/postinst" "${NEWSBOARD_PKG_DIR}/desk/prerm" "${NEWSBOARD_PKG_DIR}/desk/postrm")
include(CPack)
