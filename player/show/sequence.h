// Which item comes next: the schedule at `now`, playlist order, and urgent items shown at
// once and then between every other item while they are valid. Pure data and time passed
// in, so tests drive it with a fake clock.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "core/time.h"
#include "playlist/model.h"

namespace nb::show {

class Sequence {
  public:
    // A new playlist (or a reload): the order continues from the items' ids where they still exist.
    void reset(std::shared_ptr<const playlist::Playlist> p);

    // The item (index into the playlist) to show after the current one, and make it current.
    // Nothing when no item is eligible at `now` (the board shows its standby screen).
    std::optional<std::size_t> next(TimePoint now);

    // True once when an urgent item has become eligible that was not before, and what is on
    // screen is not urgent: the player interrupts the slide for it.
    bool urgent_arrived(TimePoint now);

    std::optional<std::size_t> current() const { return current_; }
    const std::shared_ptr<const playlist::Playlist>& playlist() const { return playlist_; }

  private:
    std::shared_ptr<const playlist::Playlist> playlist_;
    std::optional<std::size_t> current_;
    // Where the normal and the urgent rotations stand (positions in the playlist).
    std::optional<std::size_t> normal_at_, urgent_at_;
    std::string current_id_, normal_id_, urgent_id_;
    std::set<std::string> urgent_seen_;
};

}  // namespace nb::show
