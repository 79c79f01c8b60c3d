// "expires" for every source a board or a preview plays: past it, the edition leaves the screen
// at the next slide boundary, as the same playlist with nothing eligible, so the loop shows its
// standby screen and says why. Staff set it so that a notice for a closed road is never shown
// after the road opens, whether the board reads a URL or a file someone copied onto it.
#pragma once

#include <memory>

#include "show/content.h"

namespace nb::app {

// `inner`, with its editions held to sync::expired() at the wall clock: load() gives an expired
// one with no items and no ticker (an error in `diags` says when it expired), changed() turns
// true when the edition on screen expires, and peek() gives nothing for an expired edition.
std::unique_ptr<show::ContentSource> expiring(std::unique_ptr<show::ContentSource> inner);

}  // namespace nb::app
