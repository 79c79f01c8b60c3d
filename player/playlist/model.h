// The playlist model (format version 1): what staff publish, after parsing and validation.
// Reference: playlists/README.md; machine-checkable form: playlists/schema.json.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
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
    Image,    // a full-screen image; optional caption over it, headline for the index and ticker
    Gallery,  // several pictures shown in turn, each with caption and credit; one headline
};

enum class Transition { Crossfade, Push, Cut };
enum class Fit { Cover, Contain };
// A gallery's pictures: a slow pan-and-zoom where the board has a GPU, or standing still.
enum class Motion { Drift, Still };

// The point of a photo that must stay in frame when it is cropped to the board's shape, as
// fractions of its width and height (0..1, from the top left).
struct Focus {
    float x = 0.5f, y = 0.5f;
};
enum class Priority { Normal, Urgent };

// A text field's value and where its string literal starts in the file, so that a
// character inside it can be located ("no font has a glyph for …" at its line and column).
// A Text made elsewhere (not parsed) has no source_offset and is located at `where` only.
struct Text {
    static constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);

    std::string value;
    Location where;                         // location of the opening quote
    std::size_t source_offset = kNoOffset;  // byte offset of that quote in Playlist::source
    // Nothing a reader would see: no characters, or only blanks (spaces, U+3000, zero-width
    // ones). A required text must not be empty; an optional one that is is not drawn.
    bool empty() const;
};

struct Media {
    std::string src;            // as written: relative to the playlist, or an http(s) URL
    std::string sha256;         // lowercase hex, or empty when not pinned
    std::string resolved;       // absolute path or URL after resolving against the playlist
    Location where;
};

// One picture of a gallery.
struct Picture {
    Media image;
    std::optional<Focus> focus;
    Text caption;
    Text credit;
};

// A QR code with a short line under it: an item's "read on" link, or the paper's account.
struct Link {
    std::string url;  // https:// only, printable ASCII (checked by the parser)
    Location where;
    Text label;       // empty: the template's default line
    bool empty() const { return url.empty(); }
};

struct HoursRange {
    int start_min = 0;  // minutes after local midnight, 0..1439
    int end_min = 0;    // exclusive, 0..1440 ("24:00"); end < start means the range crosses midnight
};

struct Schedule {
    std::optional<CivilDate> from;   // inclusive, local date
    std::optional<CivilDate> until;  // inclusive, local date
    // "from"/"until" written as a date-time with offset ("2030-01-01T06:00:00+08:00"): an
    // exact instant instead of the date (never both). Shown from `from_instant` on and up to,
    // not at, `until_instant`: an embargo lifts at 06:00, a notice ends at 18:00.
    std::optional<TimePoint> from_instant;
    std::optional<TimePoint> until_instant;
    std::uint8_t weekdays = 0x7F;    // bit 0 = Monday … bit 6 = Sunday
    std::vector<HoursRange> hours;   // empty: all day. A range crossing midnight belongs to the
                                     // day it starts on (its date and weekday decide).
    bool always() const {
        return !from && !until && !from_instant && !until_instant && weekdays == 0x7F && hours.empty();
    }
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
    std::optional<Focus> focus;      // photo, image
    Motion motion = Motion::Drift;   // gallery
    Text caption;
    Text credit;

    Text text;  // notice

    std::vector<Picture> pictures;  // gallery
    Link link;                      // shown as a QR code; any item but index and image
};

// Every picture an item shows (image, or a gallery's pictures), for code that fetches,
// pins, checks or watches media: one accessor, so a new kind of item cannot be missed.
std::vector<Media*> media_of(Item& item);
std::vector<const Media*> media_of(const Item& item);

struct Playlist {
    int version = 1;
    std::string id;
    Text title;
    std::string updated_text;
    TimePoint updated{};
    // "expires": past it the edition is not shown (sync/freshness.h); empty text: never.
    std::string expires_text;
    std::optional<TimePoint> expires;
    std::string timezone = "Asia/Shanghai";
    int default_duration_s = 15;
    Transition default_transition = Transition::Crossfade;
    std::vector<Item> items;
    // nullopt: the key is absent (use item headlines); empty: the crawl is off.
    std::optional<std::vector<Text>> ticker;
    // The paper's own account ("follow"): shown on the headline index and on notices that
    // have no link of their own. Empty when absent.
    Link follow;

    // Items left out because they have errors of their own (a missing picture, a bad
    // duration): the rest of the playlist still plays. `check` still fails on them.
    struct Skipped {
        std::string item;  // its id, or "items[3]" when it has none
        Location where;
        std::string reason;  // the first error
    };
    std::vector<Skipped> skipped;

    std::string path;      // where it was read from (file path or URL), as given; used in diagnostics
    std::string base;      // absolute folder or URL prefix media is resolved against, ending in '/'
    std::string sha256;    // of the exact bytes
    // The exact bytes it was parsed from, so a character inside any Text can be located later
    // (locate_in_string in parse.h). Shared and immutable: copying a Playlist stays cheap.
    std::shared_ptr<const std::string> source;
};

// The spelling used in the playlist file: "article", "crossfade", "cover", "urgent".
const char* to_string(ItemType t);
const char* to_string(Transition t);
const char* to_string(Fit f);
const char* to_string(Priority p);

}  // namespace nb::playlist
