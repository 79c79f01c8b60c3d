#include "show/director.h"

#include <algorithm>
#include <set>

#include "playlist/schedule.h"

namespace nb::show {
namespace {

using playlist::Playlist;

// A failed item is not tried again for this long.
constexpr std::chrono::seconds kCoolDown{60};

// True when `next` has an urgent item eligible at `now` that `before` has not: such a
// playlist is taken at once instead of at the next slide boundary.
bool brings_urgent(const Playlist& next, const Playlist* before, TimePoint now) {
    std::set<std::string> known;
    if (before)
        for (std::size_t i : playlist::eligible_items(*before, now))
            if (before->items[i].priority == playlist::Priority::Urgent) known.insert(before->items[i].id);
    for (std::size_t i : playlist::eligible_items(next, now))
        if (next.items[i].priority == playlist::Priority::Urgent && !known.count(next.items[i].id)) return true;
    return false;
}

}  // namespace

Director::Director(DirectorConfig config, PageMaker& maker, ScheduleClock& schedule)
    : config_(std::move(config)), maker_(maker), schedule_(schedule) {}

// The playlist of `loaded`, or nullptr (and last_error_ says why) when it did not load.
std::shared_ptr<const Playlist> Director::accept(Loaded loaded) {
    if (!loaded.playlist) {
        load_error_ = std::move(loaded.error);
        last_error_ = load_error_;
        changed_ = true;
        return nullptr;  // keep showing the last good one
    }
    load_error_.reset();
    pending_warnings_ = std::move(loaded.warnings);
    pending_error_ = std::move(loaded.error);
    return std::move(loaded.playlist);
}

// `next` takes over: what comes after the current slide is chosen from it.
void Director::adopt(std::shared_ptr<const Playlist> next) {
    warnings_ = std::move(pending_warnings_);
    pending_warnings_.clear();
    // A later version that did not load is still the news (play takes an earlier pending one).
    last_error_ = load_error_ ? load_error_ : pending_error_;
    pending_.reset();
    playlist_ = std::move(next);
    sequence_.reset(playlist_);
    broken_.clear();
    maker_.cancel_pending();
    ready_.reset();
    wanted_.reset();
    ++generation_;
    changed_ = true;
}

void Director::first(Loaded loaded, Clock::time_point now) {
    now_ = now;
    if (auto p = accept(std::move(loaded))) adopt(std::move(p));
    // The worker starts on the first slide now, not at the first turn: the loop's first
    // present (the painter's warm-up) waits for the screen, and the worker works meanwhile.
    if (playlist_) request_next();
}

void Director::set_max_texture(int limit) {
    if (limit == config_.max_texture) return;
    config_.max_texture = limit;
    // What was asked for: the item still being made, or made and not yet on screen.
    std::optional<std::size_t> again = wanted_;
    if (ready_ && ready_->playlist == playlist_) again = ready_->item;
    if (!again) return;
    maker_.cancel_pending();
    request(*again);
}

// At a page boundary (or at once for an urgent item): the pending playlist takes over, so
// staff wait at most one page, not a whole long article. Between items, what follows is the
// item that was due next when it is still there and eligible, else the next in the new
// order; in the middle of an item, its next page as the new playlist has it.
void Director::take_pending(TimePoint wall) {
    const bool mid_item = on_ && on_->page + 1 < on_->pages->size();
    const std::string resume = mid_item ? on_->id : std::string();
    const std::size_t resume_page = mid_item ? on_->page + 1 : 0;
    std::string upcoming;
    if (playlist_ && wanted_) upcoming = playlist_->items[*wanted_].id;
    if (ready_) upcoming = ready_->id;
    adopt(std::move(pending_));
    std::optional<std::size_t> again;
    for (std::size_t i : playlist::eligible_items(*playlist_, wall))
        if (playlist_->items[i].id == (mid_item ? resume : upcoming)) again = i;
    if (again)
        request(*again);
    else
        request_next();
    if (!mid_item || !wanted_) return;
    // The page on screen is due now: switch as soon as the new pages are made, with the
    // transition the page change would have had.
    if (again) keep_page_ = resume_page;
    switch_when_ready_ = true;
    switch_how_ = playlist_->items[*wanted_].transition;
}

void Director::request(std::size_t item) {
    next_held_ = after_transition_ = false;  // whatever is asked for now comes instead
    wanted_ = item;
    ready_.reset();
    // The item on screen again (a one-item playlist): its pages are already made.
    if (on_ && on_->playlist == playlist_ && on_->item == item) {
        OnScreen again = *on_;
        again.page = 0;
        ready_ = std::move(again);
        return;
    }
    maker_.request({playlist_, item, config_.metrics, config_.max_texture, schedule_.now(), config_.ink});
}

void Director::presented() {
    if (!next_held_) return;
    next_held_ = false;
    if (!wanted_ && !ready_) request_next();
}

void Director::request_next() {
    const TimePoint now = schedule_.now();
    // Skip items that failed recently; give up after one round.
    for (std::size_t tries = 0; playlist_ && tries <= playlist_->items.size(); ++tries) {
        auto next = sequence_.next(now);
        if (!next) break;
        auto bad = broken_.find(playlist_->items[*next].id);
        if (bad != broken_.end() && now_ - bad->second < kCoolDown) continue;
        request(*next);
        return;
    }
    wanted_.reset();
}

void Director::show(OnScreen next, playlist::Transition how, Clock::time_point now) {
    if (on_ && how != playlist::Transition::Cut) {
        leaving_ = std::move(on_);
        transition_ = how;
        transition_start_ = now;
    } else {
        leaving_.reset();
    }
    next.since = now;
    on_ = std::move(next);
    ++shows_;
    standby_ = false;
    changed_ = true;
}

void Director::go_to_page(std::size_t page, Clock::time_point now) {
    OnScreen next = *on_;
    next.page = page;
    show(std::move(next), on_->playlist->items[on_->item].transition, now);
}

void Director::go_standby(Clock::time_point now) {
    standby_ = true;
    standby_since_ = now;
    changed_ = true;
}

void Director::content(std::optional<Loaded> loaded, Clock::time_point now) {
    now_ = now;
    if (config_.mode == Mode::Kiosk) {
        if (loaded)
            if (auto next = accept(std::move(*loaded))) pending_ = std::move(next);
        if (!pending_) return;
        const TimePoint wall = schedule_.now();
        if (!playlist_ || standby_) {
            adopt(std::move(pending_));
            request_next();
        } else if (brings_urgent(*pending_, playlist_.get(), wall)) {
            take_pending(wall);  // advance() sees the urgent item arrive and interrupts for it
            // ...unless taking it already asked for the urgent item (every id new: the item due
            // next is gone, and choosing the next one marks the urgent seen): switch at once
            // all the same, not when the page on screen ends.
            if (wanted_ && playlist_->items[*wanted_].priority == playlist::Priority::Urgent) {
                keep_page_.reset();
                switch_when_ready_ = true;
                switch_how_ = playlist::Transition::Cut;
            }
        }
        return;
    }
    // preview: the item on screen stays when it still exists — or the one a key asked for,
    // when it is still being made (one save can bring several inotify events, and the
    // editor's key must not be lost).
    if (!loaded) return;
    std::optional<std::string> keep = on_ ? std::optional<std::string>(on_->id) : std::nullopt;
    std::size_t keep_page = on_ ? on_->page : 0;
    if (switch_when_ready_ && playlist_ && (wanted_ || ready_)) {
        keep = ready_ ? ready_->id : playlist_->items[*wanted_].id;
        keep_page = keep_page_.value_or(0);
    }
    auto next = accept(std::move(*loaded));
    if (!next) return;  // it does not load: keep what is on screen
    adopt(std::move(next));
    std::optional<std::size_t> index;
    if (keep)
        for (std::size_t i = 0; i < playlist_->items.size(); ++i)
            if (playlist_->items[i].id == *keep) index = i;
    if (index) {
        request(*index);
        keep_page_ = keep_page;
    } else {
        request_next();
    }
    switch_when_ready_ = true;
}

void Director::collect(Clock::time_point now) {
    now_ = now;
    while (auto done = maker_.collect()) {
        if (done->playlist != playlist_ || !wanted_ || done->item != *wanted_ ||
            done->max_texture != config_.max_texture)
            continue;  // stale
        if (done->pages.empty()) {
            const std::string id = playlist_->items[done->item].id;
            last_error_ = id + ": " + done->error;
            config_.item_failed(*last_error_);
            broken_[id] = now;
            request_next();
            continue;
        }
        ready_ = on_screen(std::move(*done), ++pages_made_);
    }
}

bool Director::display_window(TimePoint wall) {
    auto off = config_.display_off ? config_.display_off(wall) : std::nullopt;
    if (off == off_until_) return false;
    off_until_ = std::move(off);
    changed_ = true;  // the black frame, or the content back
    return true;
}

void Director::advance(Clock::time_point now) {
    now_ = now;
    const TimePoint wall = schedule_.now();
    if (leaving_ && now - transition_start_ >= config_.transition) {
        leaving_.reset();
        changed_ = true;  // the last frame shows the new page alone
        if (after_transition_ && !wanted_ && !ready_) request_next();
        after_transition_ = false;
    }
    if (sequence_.urgent_arrived(wall)) {
        maker_.cancel_pending();
        request_next();
        keep_page_.reset();  // a page kept for the item it interrupts is not the urgent one's
        switch_when_ready_ = true;
        switch_how_ = playlist::Transition::Cut;  // an interrupt is a cut
    }
    if (!on_ && !ready_ && !wanted_) {
        request_next();
        if (!wanted_ && !standby_) go_standby(now);
    }
    // The standby screen looks again each minute (the chrome's clock wakes the loop).
    if (standby_ && !wanted_ && now - standby_since_ >= std::chrono::seconds(60)) {
        standby_since_ = now;
        request_next();
    }
    auto is_due = [&] {
        return on_ && !paused_ && now - on_->since >= std::chrono::seconds(on_->current().duration_s);
    };
    const bool due = is_due();
    if (due && pending_) take_pending(wall);
    if (due && !switch_when_ready_ && on_->page + 1 < on_->pages->size()) {
        go_to_page(on_->page + 1, now);
    } else if (ready_ && (due || switch_when_ready_ || !on_ || standby_)) {
        OnScreen next = std::move(*ready_);
        ready_.reset();
        wanted_.reset();
        if (keep_page_) next.page = std::min(*keep_page_, next.pages->size() - 1);
        const auto how = !on_                 ? playlist::Transition::Cut
                         : switch_when_ready_ ? switch_how_
                                              : next.playlist->items[next.item].transition;
        switch_when_ready_ = false;
        switch_how_ = playlist::Transition::Cut;
        keep_page_.reset();
        show(std::move(next), how, now);
        if (shows_ == 1)
            next_held_ = true;  // the first page: once it is on screen (presented())
        else if (leaving_)
            // Once the transition is over: the worker's decode (a 50-megapixel photo: ~1 s of
            // CPU and its 5.4 MiB picture) then shares neither the cores with the transition's
            // frames nor the memory with both pages' textures and the page left (issue 14's
            // 50-megapixel run peaked there).
            after_transition_ = true;
        else
            request_next();  // prepare the one after while this one stands
    } else if (due && !ready_ && !wanted_) {
        request_next();
        if (!wanted_) {  // nothing eligible any more
            on_.reset();
            leaving_.reset();
            go_standby(now);
        }
    }
    // Due, and still here: the next pages are being made, and the maker wakes the loop.
    awaiting_pages_ = is_due();
}

void Director::step(int direction, Clock::time_point now) {
    now_ = now;
    if (!on_ || !playlist_) return;
    const long long page = static_cast<long long>(on_->page) + direction;
    if (on_->playlist == playlist_ && page >= 0 && page < static_cast<long long>(on_->pages->size())) {
        OnScreen next = *on_;
        next.page = static_cast<std::size_t>(page);
        show(std::move(next), playlist::Transition::Cut, now);
        return;
    }
    // Another item: the next one in playlist order among those eligible now.
    const auto eligible = playlist::eligible_items(*playlist_, schedule_.now());
    if (eligible.empty()) return;
    auto at = std::find(eligible.begin(), eligible.end(), on_->item);
    std::size_t pos = at == eligible.end() ? 0 : static_cast<std::size_t>(at - eligible.begin());
    pos = direction > 0 ? (pos + 1) % eligible.size() : (pos + eligible.size() - 1) % eligible.size();
    maker_.cancel_pending();
    request(eligible[pos]);
    if (direction < 0) keep_page_ = static_cast<std::size_t>(-1);  // the last page of the one before
    switch_when_ready_ = true;
}

void Director::toggle_pause(Clock::time_point now) {
    paused_ = !paused_;
    if (on_ && !paused_) on_->since = now;
    changed_ = true;
}

std::optional<OnScreen> Director::next() const {
    if (!on_) return std::nullopt;
    if (on_->page + 1 < on_->pages->size()) {
        OnScreen n = *on_;
        n.page = on_->page + 1;
        return n;
    }
    if (!ready_) return std::nullopt;
    OnScreen n = *ready_;
    n.page = keep_page_ ? std::min(*keep_page_, n.pages->size() - 1) : 0;
    return n;
}

std::optional<Director::Clock::time_point> Director::page_end() const {
    if (!on_ || paused_ || off_until_ || awaiting_pages_) return std::nullopt;
    return on_->since + std::chrono::seconds(on_->current().duration_s);
}

Showing Director::showing() const {
    Showing s;
    s.state = on_ ? Showing::State::Showing : standby_ ? Showing::State::Standby : Showing::State::Starting;
    // The playlist of what is on screen (a new one is taken at the next page).
    if (const Playlist* shown = on_ ? on_->playlist.get() : playlist_.get()) {
        s.playlist_id = shown->id;
        s.playlist_updated = shown->updated_text;
        s.playlist_sha256 = shown->sha256;
    }
    if (on_) {
        s.item_id = on_->id;
        s.page = static_cast<int>(on_->page) + 1;
        s.pages = static_cast<int>(on_->pages->size());
    }
    s.paused = paused_;
    s.display_off_until = off_until_;
    s.serial = shows_;
    return s;
}

}  // namespace nb::show
