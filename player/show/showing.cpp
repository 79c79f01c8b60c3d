#include "show/showing.h"

#include <tuple>

namespace nb::show {

bool Showing::operator==(const Showing& o) const {
    auto fields = [](const Showing& s) {
        return std::tie(s.state, s.playlist_id, s.playlist_updated, s.playlist_sha256, s.item_id, s.page, s.pages,
                        s.paused, s.display_off_until, s.quarantined);
    };
    return fields(*this) == fields(o);
}

std::string Showing::line() const {
    if (display_off_until) return "display off until " + *display_off_until;
    if (item_id)
        return "showing " + *item_id + " " + std::to_string(page) + "/" + std::to_string(pages) + " of " +
               playlist_id.value_or("");
    return state == State::Standby ? "standby: nothing to show" : "starting";
}

void PlayLog::update(const Showing& s, Clock::time_point now, TimePoint wall) {
    const bool on_screen = s.item_id && !s.display_off_until;
    const bool same_page = last_ && on_screen && s.serial == last_->serial && !last_->display_off_until;
    if (!same_page) {
        finish(now);
        if (on_screen) {
            PageShown p;
            p.playlist_id = s.playlist_id.value_or("");
            p.playlist_updated = s.playlist_updated.value_or("");
            p.playlist_sha256 = s.playlist_sha256.value_or("");
            p.item_id = *s.item_id;
            p.page = s.page;
            p.pages = s.pages;
            p.start = wall;
            open_ = std::move(p);
            open_since_ = now;
        }
    }
    if (observer_ && (!last_ || *last_ != s)) observer_->showing_changed(s);
    last_ = s;
}

void PlayLog::finish(Clock::time_point now) {
    if (!open_) return;
    open_->duration = std::chrono::duration_cast<std::chrono::milliseconds>(now - open_since_);
    if (observer_) observer_->page_shown(*open_);
    open_.reset();
}

}  // namespace nb::show
