// Every text of a playlist that a board draws, with its path in the file
// ("items[2].pictures[1].caption"): one list for the checks that look at each text (the glyph
// warnings of `newsboard check` and of the desk), so a new field cannot be missed by one.
#pragma once

#include <string>
#include <vector>

#include "playlist/model.h"

namespace nb::playlist {

struct TextAt {
    std::string path;
    const Text* text = nullptr;
};

// Empty texts are left out.
std::vector<TextAt> texts_of(const Playlist& p);

}  // namespace nb::playlist
