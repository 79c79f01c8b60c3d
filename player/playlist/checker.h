// The state of one validation pass: the parsed value, where each part of it is in the
// source, and the diagnostics collected so far. Every problem is reported against a Node,
// so it carries both the JSON path ("items[2].duration") and the line and column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "playlist/json_dom.h"
#include "playlist/json_locator.h"
#include "playlist/line_index.h"

namespace nb::playlist {

// A JSON value under validation.
struct Node {
    const Json* json = nullptr;
    JsonLocator::Ref ref = JsonLocator::kNone;
    std::string path;  // "items[2].duration"; empty for the root
};

// "items" + "duration" → "items.duration"; a key that is not a plain identifier is quoted:
// items["two words"].
std::string child_path(const std::string& parent, std::string_view key);
std::string index_path(const std::string& parent, std::size_t index);

// A JSON value as it would be written, compact, cut to about 40 code points: "ten", 5, [1,2].
// The one place a message quotes a value: numbers in their shortest form (1e+23, 2.5, 30.0).
std::string describe(const Json& value);

class Checker {
public:
    // `source` must outlive the checker.
    Checker(std::string file, std::string_view source, Diagnostics& diags);

    Node root(const Json& json) const;
    // The member `key` of an object node (the last one if the key is repeated).
    std::optional<Node> member(const Node& object, std::string_view key) const;
    // Every member of an object, in source order, repeated keys included, with their keys.
    struct Member {
        std::string key;
        Node node;
    };
    std::vector<Member> members(const Node& object) const;
    // The elements of an array, at most `limit` of them: callers that stop at a limit do not
    // pay for a million elements they will not look at.
    std::vector<Node> elements(const Node& array, std::size_t limit = SIZE_MAX) const;

    Location at(const Node& n) const;      // the value's first character
    Location key_at(const Node& n) const;  // the member's key, or the value when it has none
    Location at_offset(std::size_t offset) const { return lines_.locate(offset); }
    std::size_t offset(const Node& n) const { return locator_.value_offset(n.ref); }

    // Reported at the value, as "PATH: MESSAGE" (just MESSAGE for the root).
    void error(const Node& n, const std::string& message);
    void warning(const Node& n, const std::string& message);
    void error_at(Location where, const Node& n, const std::string& message);
    void warning_at(Location where, const Node& n, const std::string& message);

    // Past kKeep diagnostics, further ones are only counted: a generated file with a
    // million bad values must not cost a million messages of memory. Loops over large
    // arrays stop once the checker is saturated.
    static constexpr std::size_t kKeep = 1000;
    bool saturated() const { return diags_.all().size() >= kKeep; }
    std::size_t dropped() const { return dropped_; }

    const std::string& file() const { return file_; }
    const Diagnostics& diagnostics() const { return diags_; }
    std::string_view source() const { return source_; }

private:
    void report(Severity severity, Location where, std::string message);

    std::size_t dropped_ = 0;
    std::string file_;
    std::string_view source_;
    Diagnostics& diags_;
    JsonLocator locator_;
    LineIndex lines_;
};

}  // namespace nb::playlist
