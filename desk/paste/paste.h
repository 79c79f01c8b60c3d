// "Paste a page": the text of a newspaper page as the press system dumps it, turned into draft
// playlist items — articles split, kicker / headline / subhead / byline / body recognised,
// paragraphs cut at column breaks re-joined, photo captions and credits found, ASCII
// punctuation in Chinese text made full-width — with every change listed, so staff see each
// one before they accept it. Pure: text in, items and changes out; the same text and the
// same rejected ids always give the same answer, and ids do not depend on what is rejected.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace nb::paste {

enum class ChangeKind {
    Join,         // two fragments of one paragraph, cut at a column break, made one
    Punctuation,  // an ASCII mark in Chinese text made full-width
    Byline,       // the dateline byline split from the paragraph it starts
    Section,      // the page's name (from its folio, "03 新城") as the kicker of articles without one
};

struct Change {
    std::string id;  // "join@123": the kind and the code point offset in the paste; stable
    ChangeKind kind = ChangeKind::Join;
    bool accepted = true;
    std::size_t line = 0, column = 0;  // where in the paste (1-based; columns in code points)
    std::string before, after;         // the text replaced and what replaces it
    std::string context_before, context_after;  // a few characters either side, from the paste
    std::string at;                              // where it lands: "items[0].body[1]"
};

enum class ItemKind { Article, Photo };

struct Item {
    ItemKind kind = ItemKind::Article;
    std::string kicker, headline, subhead, byline;  // articles (photos: headline)
    std::vector<std::string> body;                  // articles
    std::string caption, credit;                    // photos
    std::size_t line = 0;                           // where it starts in the paste
};

enum class LeftoverKind { Folio, Furniture, Unplaced };

// A line that went into no item: the folio, editors' names, the boxes around the page.
struct Leftover {
    LeftoverKind kind = LeftoverKind::Unplaced;
    std::size_t line = 0;
    std::string text;
};

struct Page {
    std::vector<Item> items;
    std::vector<Change> changes;  // in the order of the paste
    std::vector<Leftover> leftovers;
    std::string section;  // the page's name, when its folio gives one
};

// Fails only on text that cannot be read (too large, not UTF-8). `rejected` holds change ids
// staff turned down; an unknown id is ignored.
Result<Page> paste(std::string_view text, const std::set<std::string>& rejected = {});

const char* to_string(ChangeKind kind);
const char* to_string(LeftoverKind kind);

}  // namespace nb::paste
