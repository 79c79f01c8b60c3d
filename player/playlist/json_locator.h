// Where each value of a JSON text is: nlohmann::json keeps no positions, so after it has
// accepted the text one more pass records the byte offset of every value, and of every
// object member's key, in a tree that mirrors the document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nb::playlist {

class JsonLocator {
public:
    // A value in the tree. Cheap to copy; valid as long as the locator is.
    using Ref = std::uint32_t;
    static constexpr Ref kNone = UINT32_MAX;

    // `text` must be JSON that a strict parser accepted (and preflight() passed, which bounds
    // its size to fit 32-bit offsets); it must outlive the locator. One pass, no recursion.
    explicit JsonLocator(std::string_view text);

    Ref root() const { return nodes_.empty() ? kNone : 0; }
    // Offset of the value's first byte: its quote, bracket, brace, digit or letter.
    std::size_t value_offset(Ref r) const { return nodes_[r].value; }
    // Offset of the opening quote of the member's key; nullopt for array elements and the root.
    std::optional<std::size_t> key_offset(Ref r) const;
    // The decoded key of an object member.
    std::string key(Ref r) const;

    // Members of an object in source order (duplicates included), elements of an array.
    std::vector<Ref> children(Ref r, std::size_t limit = SIZE_MAX) const;
    // The member named `name`; with duplicate keys the last one, as the parser keeps it.
    Ref member(Ref object, std::string_view name) const;
    // By JSON pointer (RFC 6901): "" is the root, "/items/2/duration" a nested value.
    Ref find(std::string_view pointer) const;

private:
    struct Node {
        std::uint32_t key = kNone;  // offset of the key's quote
        std::uint32_t value = 0;
        Ref first_child = kNone;
        Ref next = kNone;
    };
    std::string_view text_;
    std::vector<Node> nodes_;
};

}  // namespace nb::playlist
