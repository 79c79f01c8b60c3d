#include "playlist/texts.h"

#include "playlist/checker.h"

namespace nb::playlist {

std::vector<TextAt> texts_of(const Playlist& p) {
    std::vector<TextAt> out;
    const auto add = [&](std::string path, const Text& t) {
        if (!t.empty()) out.push_back({std::move(path), &t});
    };
    add("title", p.title);
    if (p.ticker)
        for (std::size_t i = 0; i < p.ticker->size(); ++i) add(index_path("ticker", i), (*p.ticker)[i]);
    add("follow.label", p.follow.label);
    for (std::size_t i = 0; i < p.items.size(); ++i) {
        const Item& item = p.items[i];
        const std::string at = index_path("items", i);
        const std::pair<const char*, const Text*> fields[] = {
            {"kicker", &item.kicker}, {"headline", &item.headline}, {"subhead", &item.subhead},
            {"byline", &item.byline}, {"caption", &item.caption},   {"credit", &item.credit},
            {"text", &item.text}};
        for (const auto& [name, text] : fields) add(child_path(at, name), *text);
        for (std::size_t b = 0; b < item.body.size(); ++b) add(index_path(child_path(at, "body"), b), item.body[b]);
        for (std::size_t k = 0; k < item.pictures.size(); ++k) {
            const std::string pic = index_path(child_path(at, "pictures"), k);
            add(child_path(pic, "caption"), item.pictures[k].caption);
            add(child_path(pic, "credit"), item.pictures[k].credit);
        }
    }
    return out;
}

}  // namespace nb::playlist
