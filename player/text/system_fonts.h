// Asking fontconfig which installed fonts can draw a code point. Kept apart from the
// cascade so the policy (what to ask, in which order) reads in one place.
#pragma once

#include <string>
#include <vector>

#include "text/cascade.h"

namespace nb::text {

struct SystemFont {
    std::string file;
    int index = 0;  // face index in a collection (fontconfig's FC_INDEX)
};

// Scalable, non-colour fonts whose charset has `cp`, best first for Simplified Chinese
// text ("zh-cn") of the given weight. At most `limit` of them. Empty when none has it.
std::vector<SystemFont> system_fonts_for(char32_t cp, Weight weight, std::size_t limit);

}  // namespace nb::text
