#include "show/on_screen.h"

namespace nb::show {

OnScreen on_screen(Prepared done, std::uint64_t serial) {
    OnScreen s;
    s.playlist = std::move(done.playlist);
    s.item = done.item;
    s.id = s.playlist->items[done.item].id;
    s.pages = std::make_shared<const std::vector<render::Page>>(std::move(done.pages));
    s.serial = serial;
    return s;
}

PageTextures::Key texture_key(const OnScreen& s, int w, int h) {
    return {s.serial, s.page, w, h};
}

}  // namespace nb::show
