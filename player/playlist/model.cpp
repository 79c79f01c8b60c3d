#include "playlist/model.h"

#include "core/utf8.h"

namespace nb::playlist {

bool Text::empty() const { return utf8::is_blank(value); }

const char* to_string(ItemType t) {
    switch (t) {
        case ItemType::Article: return "article";
        case ItemType::Photo: return "photo";
        case ItemType::Notice: return "notice";
        case ItemType::Index: return "index";
        case ItemType::Image: return "image";
        case ItemType::Gallery: return "gallery";
    }
    return "?";
}

std::vector<Media*> media_of(Item& item) {
    std::vector<Media*> out;
    if (item.image) out.push_back(&*item.image);
    for (Picture& p : item.pictures) out.push_back(&p.image);
    return out;
}

std::vector<const Media*> media_of(const Item& item) {
    std::vector<const Media*> out;
    for (Media* m : media_of(const_cast<Item&>(item))) out.push_back(m);
    return out;
}

const char* to_string(Transition t) {
    switch (t) {
        case Transition::Crossfade: return "crossfade";
        case Transition::Push: return "push";
        case Transition::Cut: return "cut";
    }
    return "?";
}

const char* to_string(Fit f) {
    switch (f) {
        case Fit::Cover: return "cover";
        case Fit::Contain: return "contain";
    }
    return "?";
}

const char* to_string(Priority p) {
    switch (p) {
        case Priority::Normal: return "normal";
        case Priority::Urgent: return "urgent";
    }
    return "?";
}

}  // namespace nb::playlist
