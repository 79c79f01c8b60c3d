#include "show/sequence.h"

#include <vector>

#include "playlist/schedule.h"

namespace nb::show {
namespace {

using playlist::Priority;

std::optional<std::size_t> index_of(const playlist::Playlist& p, const std::string& id) {
    for (std::size_t i = 0; i < p.items.size(); ++i)
        if (p.items[i].id == id) return i;
    return std::nullopt;
}

// The first of `candidates` (ascending indices) after position `at`, wrapping around.
std::optional<std::size_t> after(const std::vector<std::size_t>& candidates, std::optional<std::size_t> at) {
    if (candidates.empty()) return std::nullopt;
    if (at)
        for (std::size_t c : candidates)
            if (c > *at) return c;
    return candidates.front();
}

}  // namespace

void Sequence::reset(std::shared_ptr<const playlist::Playlist> p) {
    playlist_ = std::move(p);
    auto remap = [this](std::optional<std::size_t>& at, const std::string& id) {
        if (auto i = index_of(*playlist_, id)) at = *i;
        // A vanished item keeps its position: the rotation goes on with what followed it.
    };
    remap(normal_at_, normal_id_);
    remap(urgent_at_, urgent_id_);
    current_ = index_of(*playlist_, current_id_);
}

std::optional<std::size_t> Sequence::next(TimePoint now) {
    if (!playlist_) return std::nullopt;
    const playlist::Playlist& p = *playlist_;
    std::vector<std::size_t> normal, urgent;
    for (std::size_t i : playlist::eligible_items(p, now))
        (p.items[i].priority == Priority::Urgent ? urgent : normal).push_back(i);
    const bool showing_urgent =
        current_ && *current_ < p.items.size() && p.items[*current_].priority == Priority::Urgent;
    std::optional<std::size_t> pick;
    if (!urgent.empty() && (!showing_urgent || normal.empty())) {
        pick = after(urgent, urgent_at_);
        urgent_at_ = pick;
        urgent_id_ = p.items[*pick].id;
    } else if (!normal.empty()) {
        pick = after(normal, normal_at_);
        normal_at_ = pick;
        normal_id_ = p.items[*pick].id;
    }
    for (std::size_t i : urgent) urgent_seen_.insert(p.items[i].id);
    current_ = pick;
    current_id_ = pick ? p.items[*pick].id : std::string();
    return pick;
}

bool Sequence::urgent_arrived(TimePoint now) {
    if (!playlist_) return false;
    const playlist::Playlist& p = *playlist_;
    bool arrived = false;
    std::set<std::string> valid;
    for (std::size_t i : playlist::eligible_items(p, now)) {
        if (p.items[i].priority != Priority::Urgent) continue;
        valid.insert(p.items[i].id);
        if (!urgent_seen_.count(p.items[i].id)) arrived = true;
    }
    // Forget urgents that lapsed, so one that becomes valid again interrupts again.
    urgent_seen_ = valid;
    const bool showing_urgent =
        current_ && *current_ < p.items.size() && p.items[*current_].priority == Priority::Urgent;
    return arrived && !showing_urgent;
}

}  // namespace nb::show
