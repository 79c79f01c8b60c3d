// How the enums of model.h are spelled in a playlist file, for reading them.
#pragma once

#include "playlist/fields.h"
#include "playlist/model.h"

namespace nb::playlist {

inline const Names<ItemType> kTypes = {{"article", ItemType::Article},
                                       {"photo", ItemType::Photo},
                                       {"notice", ItemType::Notice},
                                       {"index", ItemType::Index},
                                       {"image", ItemType::Image},
                                       {"gallery", ItemType::Gallery}};
inline const Names<Transition> kTransitions = {
    {"crossfade", Transition::Crossfade}, {"push", Transition::Push}, {"cut", Transition::Cut}};
inline const Names<Priority> kPriorities = {{"normal", Priority::Normal}, {"urgent", Priority::Urgent}};
inline const Names<Fit> kFits = {{"cover", Fit::Cover}, {"contain", Fit::Contain}};
inline const Names<Motion> kMotions = {{"drift", Motion::Drift}, {"still", Motion::Still}};

}  // namespace nb::playlist
