// The playlist model (format version 1): what staff publish, after parsing and validation.
// Reference: playlists/README.md; machine-checkable form: playlists/schema.json.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/time.h"

namespace nb::playlist {

enum class ItemType {
    Article,  // kicker, headline, subhead, byline, body paragraphs
    Photo,    // image, headline, caption, credit
    Notice,   // a short urgent message: headline + text
    Index,    // a headline index: the headlines of the other items
    Image,    // a full-screen image, nothing else
};

enum class Transition { Crossfade, Push, Cut };
enum class Fit { Cover, Contain };
enum class Priority { Normal, Urgent };

// A text field's value and where its string literal starts in the file, so that a
// character inside it can be located ("no font has a glyph for …" at its line and column).
struct Text {
    std::string value;
    Location where;  // location of the opening quote
    bool empty() const { return value.empty(); }
};

struct Media {
    std::string src;            // as written: relative to the playlist, or an http(s) URL
    std::string sha256;         // lowercase hex, or empty when not pinned
    std::string resolved;       // absolute path or URL after resolving against the playlist
    Location where;
};

struct HoursRange {
    int start_min = 0;  // minutes after local midnight, 0..1439
    int end_min = 0;    // exclusive; end < start means the range crosses midnight
};

struct Schedule {
    std::optional<CivilDate> from;   // inclusive, local date
    std::optional<CivilDate> until;  // inclusive, local date
    std::uint8_t weekdays = 0x7F;    // bit 0 = Monday … bit 6 = Sunday
    std::vector<HoursRange> hours;   // empty: all day
    bool always() const { return !from && !until && weekdays == 0x7F && hours.empty(); }
};

struct Item {
    std::string id;
    ItemType type = ItemType::Article;
    Location where;  // the item's opening brace
    int duration_s = 15;
    Transition transition = Transition::Crossfade;
    Priority priority = Priority::Normal;
    Schedule schedule;

    Text kicker;
    Text headline;
    Text subhead;
    Text byline;
    std::vector<Text> body;  // paragraphs, article

    std::optional<Media> image;  // photo, image
    Fit fit = Fit::Cover;
    Text caption;
    Text credit;

    Text text;  // notice
};

struct Playlist {
    int version = 1;
    std::string id;
    Text title;
    std::string updated_text;
    TimePoint updated{};
    std::string timezone = "Asia/Shanghai";
    int default_duration_s = 15;
    Transition default_transition = Transition::Crossfade;
    std::vector<Item> items;
    // nullopt: the key is absent (use item headlines); empty: the crawl is off.
    std::optional<std::vector<Text>> ticker;

    std::string path;      // where it was read from (file path or URL)
    std::string base;      // folder or URL prefix media is resolved against
    std::string sha256;    // of the exact bytes
};

const char* to_string(ItemType t);
const char* to_string(Transition t);

}  // namespace nb::playlist
