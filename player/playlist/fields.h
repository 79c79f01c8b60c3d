// Typed readers for the fields of a playlist. Each reports what is wrong with a value
// (located, with its path) and returns nullopt, so the caller keeps going and the editor
// sees every problem in one run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "playlist/checker.h"
#include "playlist/model.h"

namespace nb::playlist {

enum class Newlines { Forbidden, Allowed };

struct TextRule {
    std::size_t max_code_points;
    Newlines newlines = Newlines::Forbidden;
};

// What a "must not be empty" error adds for a text that is not empty but blank.
std::string blank_note(const Text& t);

// A string with at most rule.max_code_points code points and no control characters (a line
// feed only where the rule allows it). The Text is located at its opening quote.
std::optional<Text> read_text(Checker& c, const Node& n, TextRule rule);

// A string naming something in a file name, URL or status file: [A-Za-z0-9._-]{1,64}.
std::optional<std::string> read_id(Checker& c, const Node& n);

// A link to show as a QR code: "https://host/…", at most limits::kMaxLink characters of
// printable ASCII (a phone reads nothing else reliably; percent-encode the rest).
std::optional<Link> read_link(Checker& c, const Node& n);

// The playlist's "follow": {"link": "https://…", "label": "扫码关注…"}.
std::optional<Link> read_follow(Checker& c, const Node& n);

// A photo's focal point: {"x": 0.3, "y": 0.4}, each a fraction 0..1 of the width and height
// from the top left.
std::optional<Focus> read_focus(Checker& c, const Node& n);

// The value of a JSON number that JSON Schema counts as an "integer": one with no fractional
// part, however written (1, 1.0, 1e0). nullopt for 1.5, for a number past int64 and for
// anything that is not a number. Every field the schema calls an integer is read through it,
// so an editor's validator and the board agree.
std::optional<std::int64_t> integer_value(const Json& value);

// A whole number of seconds in [kMinDuration_s, kMaxDuration_s].
std::optional<int> read_duration(Checker& c, const Node& n);

// One of a fixed set of strings, e.g. "crossfade" | "push" | "cut".
template <class E>
using Names = std::vector<std::pair<const char*, E>>;

std::optional<std::size_t> read_choice(Checker& c, const Node& n, const std::vector<std::string_view>& names);

template <class E>
std::optional<E> read_enum(Checker& c, const Node& n, const Names<E>& names) {
    std::vector<std::string_view> spelled;
    for (const auto& [name, value] : names) spelled.push_back(name);
    const auto index = read_choice(c, n, spelled);
    if (!index) return std::nullopt;
    return (names.begin() + *index)->second;
}

// "crossfade", "push" or "cut"
std::string quoted_list(const std::vector<std::string_view>& names);

// Keys of an object that are not in `allowed` are warnings, at the key: a typo gets a
// "did you mean" from `allowed`; a key in `elsewhere` (valid for another item type) says so
// with `owner` ("photo items"). A repeated key is a warning too: only its last value counts.
struct KeyRules {
    std::vector<std::string_view> allowed;
    std::vector<std::string_view> elsewhere = {};
    std::string owner = {};
};
void check_keys(Checker& c, const Node& object, const KeyRules& rules);

// "expected a string, got 5" and friends: the value's JSON type, for messages.
std::string got(const Json& value);

}  // namespace nb::playlist
