// The playlist parser and validator on arbitrary bytes, as `check FILE` and a board meet them.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/utf8.h"
#include "entries.h"
#include "playlist/parse.h"
#include "playlist/schedule.h"

namespace nb::fuzz {
namespace {

std::vector<const playlist::Text*> texts_of(const playlist::Playlist& p) {
    std::vector<const playlist::Text*> out{&p.title};
    for (const auto& item : p.items) {
        for (const auto* t : {&item.kicker, &item.headline, &item.subhead, &item.byline, &item.caption,
                              &item.credit, &item.text})
            out.push_back(t);
        for (const auto& t : item.body) out.push_back(&t);
    }
    if (p.ticker)
        for (const auto& t : *p.ticker) out.push_back(&t);
    return out;
}

// A diagnostic points inside the file: line 0 means the whole file, else a line it has.
bool inside(const Location& where, int lines) { return where.line >= 0 && where.line <= lines && where.column >= 0; }

}  // namespace

std::string playlist_entry(std::string_view input) {
    // Next to the test fixtures, so relative media resolve to real pictures (and to
    // tests/data/playlists/media/ files that are broken on purpose).
    const std::string path = std::string(NEWSBOARD_TEST_DATA) + "/playlists/fuzz.json";
    const std::string bytes(input);
    Diagnostics diags;
    const auto parsed = playlist::parse(bytes, path, playlist::MediaCheck::Full, diags);

    const int lines = 1 + static_cast<int>(std::count(bytes.begin(), bytes.end(), '\n'));
    for (const auto& d : diags.all())
        if (!inside(d.where, lines) || d.message.empty()) return "a diagnostic outside the file: " + d.format();
    if (!parsed) return diags.has_errors() ? "" : "refused without an error";
    if (parsed->items.empty()) return "accepted with no item to show";
    if (!parsed->skipped.empty() && !diags.has_errors()) return "an item left out without an error";

    // What `check` does for a character no font has: locate it inside its string literal.
    for (const auto* t : texts_of(*parsed)) {
        if (!utf8::is_valid(t->value)) return "a text that is not UTF-8";
        const std::size_t n = utf8::length(t->value);
        for (const std::size_t i : {std::size_t{0}, n / 2, n ? n - 1 : 0})
            if (!inside(playlist::locate_in_string(*parsed, *t, i), lines)) return "a character located outside the file";
    }

    // The schedule in the playlist's time zone, around the time it was published.
    for (const auto offset : {std::chrono::hours(0), std::chrono::hours(13), std::chrono::hours(24 * 200)}) {
        const auto eligible = playlist::eligible_items(*parsed, parsed->updated + offset);
        if (!std::is_sorted(eligible.begin(), eligible.end()) ||
            (!eligible.empty() && eligible.back() >= parsed->items.size()))
            return "eligible items out of order or out of range";
    }
    return "";
}

}  // namespace nb::fuzz
