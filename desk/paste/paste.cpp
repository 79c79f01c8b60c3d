#include "paste.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/utf8.h"
#include "punctuation.h"
#include "recognise.h"
#include "source.h"

namespace nb::paste {

const char* to_string(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::Join: return "join";
        case ChangeKind::Punctuation: return "punctuation";
        case ChangeKind::Byline: return "byline";
        case ChangeKind::Section: return "section";
    }
    return "?";
}

const char* to_string(LeftoverKind kind) {
    switch (kind) {
        case LeftoverKind::Folio: return "folio";
        case LeftoverKind::Furniture: return "furniture";
        case LeftoverKind::Unplaced: return "unplaced";
    }
    return "?";
}

namespace {

constexpr std::size_t kMaxTitles = 3;
constexpr std::size_t kMaxCaptionParagraphs = 3;
constexpr std::size_t kContext = 8;
constexpr std::size_t kNone = SIZE_MAX;  // code points of context either side of a change

// A stretch of the paste, [begin, end) in code points; a field's text is one or more of them.
struct Part {
    std::size_t begin = 0, end = 0;
};
using Text = std::vector<Part>;

struct DraftItem {
    ItemKind kind = ItemKind::Article;
    std::size_t line = 0;
    Text kicker, headline, subhead, byline, caption, credit;
    std::vector<Text> body;
    std::size_t byline_unit = SIZE_MAX;  // the unit a dateline byline was split from
};

// Units after the accepted joins: one paragraph (or title, byline …) each.
struct Block {
    LineKind kind = LineKind::Body;
    Recognised first;                  // what the first unit is
    std::vector<std::size_t> units;    // indexes into Source::units
};

struct PhotoPlan {
    std::optional<std::size_t> title;
    std::vector<std::size_t> captions;
    std::size_t credit = 0;
    std::size_t first() const { return title ? *title : captions.empty() ? credit : captions.front(); }
};

bool ascii_word(char32_t cp) {
    return (cp >= U'0' && cp <= U'9') || (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z');
}

class Assembler {
  public:
    Assembler(const Source& src, const std::set<std::string>& rejected) : src_(src), rejected_(rejected) {}

    Page run() {
        recognise_units();
        find_joins();
        find_punctuation();
        make_blocks();
        plan_photos();
        plan_titles();
        walk();
        apply_section();
        return render();
    }

  private:
    const Source& src_;
    const std::set<std::string>& rejected_;
    std::vector<Recognised> recs_;
    std::vector<bool> joins_;  // joins_[i]: unit i continues the paragraph before it (proposed)
    std::map<std::size_t, Edit> edits_;  // all proposed punctuation edits, by begin (absolute)
    std::vector<Block> blocks_;
    std::vector<bool> claimed_;
    std::map<std::size_t, PhotoPlan> photos_;                  // by first block
    std::map<std::size_t, std::vector<std::size_t>> titles_;  // byline block -> its title blocks
    std::vector<DraftItem> items_;
    std::vector<Leftover> leftovers_;
    std::optional<std::size_t> section_unit_;
    std::u32string section_;

    bool accepted(const std::string& id) const { return rejected_.count(id) == 0; }
    static std::string join_id(std::size_t at) { return "join@" + std::to_string(at); }
    static std::string punct_id(std::size_t at) { return "punct@" + std::to_string(at); }
    static std::string byline_id(std::size_t at) { return "byline@" + std::to_string(at); }
    static std::string section_id(std::size_t at) { return "section@" + std::to_string(at); }

    std::u32string_view view(std::size_t unit) const { return src_.view(src_.units[unit]); }
    LineKind kind(std::size_t unit) const { return recs_[unit].kind; }

    void recognise_units() {
        for (std::size_t i = 0; i < src_.units.size(); ++i) recs_.push_back(recognise(view(i)));
    }

    // A paragraph left open (not ending a sentence) goes on in the next body line or short
    // fragment — unless that fragment is a title: one followed by a byline, a caption or
    // another short line, or a line just before a photo credit.
    void find_joins() {
        const std::size_t n = src_.units.size();
        joins_.assign(n, false);
        bool open = false;
        for (std::size_t i = 0; i < n; ++i) {
            const LineKind k = kind(i);
            const std::optional<LineKind> next = i + 1 < n ? std::optional(kind(i + 1)) : std::nullopt;
            bool credit_soon = false;
            for (std::size_t j = i + 1; j < n && j <= i + 3; ++j) credit_soon |= kind(j) == LineKind::Credit;
            const bool joinable = k == LineKind::Body || k == LineKind::Short;
            const bool title_like =
                next == LineKind::Credit || (k == LineKind::Short && (next != LineKind::Body || credit_soon));
            if (open && joinable && !title_like) {
                joins_[i] = true;
                open = !ends_sentence(view(i));
            } else {
                open = (k == LineKind::Body || k == LineKind::BylineLead) && !ends_sentence(view(i));
            }
        }
    }

    void find_punctuation() {
        for (const Unit& u : src_.units) {
            for (Edit e : punctuation_edits(src_.view(u))) {
                e.begin += u.begin, e.end += u.begin;
                edits_.emplace(e.begin, e);
            }
        }
    }

    void make_blocks() {
        for (std::size_t i = 0; i < src_.units.size(); ++i) {
            if (joins_[i] && !blocks_.empty() && accepted(join_id(src_.units[i].begin))) {
                blocks_.back().units.push_back(i);
                continue;
            }
            blocks_.push_back({kind(i), recs_[i], {i}});
        }
        claimed_.assign(blocks_.size(), false);
    }

    LineKind block_kind(std::size_t b) const { return blocks_[b].kind; }

    // A credit takes the body blocks just before it as the caption, and the short line above
    // them as the photo's headline; without such a line, only the one paragraph above it.
    void plan_photos() {
        for (std::size_t k = 0; k < blocks_.size(); ++k) {
            if (block_kind(k) != LineKind::Credit) continue;
            PhotoPlan plan;
            plan.credit = k;
            std::size_t j = k;
            std::vector<std::size_t> bodies;
            while (j > 0 && !claimed_[j - 1] && block_kind(j - 1) == LineKind::Body && bodies.size() < kMaxCaptionParagraphs) {
                bodies.insert(bodies.begin(), --j);
            }
            if (!bodies.empty() && j > 0 && !claimed_[j - 1] && block_kind(j - 1) == LineKind::Short) {
                plan.title = j - 1;
                plan.captions = bodies;
            } else if (!bodies.empty()) {
                plan.captions = {bodies.back()};
            }
            if (plan.title) claimed_[*plan.title] = true;
            for (std::size_t c : plan.captions) claimed_[c] = true;
            claimed_[k] = true;
            photos_[plan.first()] = plan;
        }
    }

    // A byline takes the short lines right above it (up to three) as its titles.
    void plan_titles() {
        for (std::size_t k = 0; k < blocks_.size(); ++k) {
            const LineKind bk = block_kind(k);
            if (claimed_[k] || (bk != LineKind::Byline && bk != LineKind::BylineLead)) continue;
            std::vector<std::size_t> titles;
            for (std::size_t j = k; j > 0 && titles.size() < kMaxTitles; --j) {
                if (claimed_[j - 1] || block_kind(j - 1) != LineKind::Short) break;
                titles.insert(titles.begin(), j - 1);
            }
            for (std::size_t t : titles) claimed_[t] = true;
            titles_[k] = titles;
        }
    }

    Text whole(std::size_t block) const {
        Text t;
        for (std::size_t u : blocks_[block].units) t.push_back({src_.units[u].begin, src_.units[u].end});
        return t;
    }

    void leftover(std::size_t block, LeftoverKind k) {
        for (std::size_t u : blocks_[block].units) {
            leftovers_.push_back({k, src_.units[u].line, utf8::encode(view(u))});
        }
    }

    void set_titles(DraftItem& item, const std::vector<std::size_t>& titles) {
        std::vector<std::u32string_view> views;
        for (std::size_t t : titles) views.push_back(view(blocks_[t].units.front()));
        const std::vector<TitleRole> roles = title_roles(views);
        for (std::size_t i = 0; i < titles.size(); ++i) {
            Text& field = roles[i] == TitleRole::Kicker ? item.kicker : roles[i] == TitleRole::Headline ? item.headline : item.subhead;
            if (field.empty()) field = whole(titles[i]);
        }
    }

    std::size_t block_line(std::size_t b) const { return src_.units[blocks_[b].units.front()].line; }

    void walk() {
        std::size_t open = kNone;  // the article that body lines go into
        for (std::size_t i = 0; i < blocks_.size(); ++i) {
            if (auto p = photos_.find(i); p != photos_.end()) {
                const PhotoPlan& plan = p->second;
                DraftItem photo;
                photo.kind = ItemKind::Photo;
                photo.line = block_line(i);
                if (plan.title) photo.headline = whole(*plan.title);
                for (std::size_t c : plan.captions)
                    for (const Part& part : whole(c)) photo.caption.push_back(part);
                photo.credit = whole(plan.credit);
                items_.push_back(std::move(photo));
                open = kNone;
                i = plan.credit;
                continue;
            }
            if (claimed_[i] && !titles_.count(i)) {
                open = kNone;  // the title of the article whose byline comes next
                continue;
            }
            const Block& block = blocks_[i];
            switch (block.kind) {
                case LineKind::Byline:
                case LineKind::BylineLead: {
                    DraftItem article;
                    article.line = titles_[i].empty() ? block_line(i) : block_line(titles_[i].front());
                    set_titles(article, titles_[i]);
                    const Unit& u = src_.units[block.units.front()];
                    Text paragraph = whole(i);
                    if (block.kind == LineKind::Byline) {
                        article.byline = paragraph;
                        paragraph.clear();
                    } else if (accepted(byline_id(u.begin))) {
                        article.byline = {{u.begin, u.begin + block.first.byline_end}};
                        paragraph.front().begin = u.begin + block.first.body_begin;
                        article.byline_unit = block.units.front();
                    }
                    if (!paragraph.empty()) article.body.push_back(paragraph);
                    items_.push_back(std::move(article));
                    open = items_.size() - 1;
                    break;
                }
                case LineKind::Folio:
                    leftover(i, LeftoverKind::Folio);
                    if (!section_unit_ && !block.first.section.empty()) {
                        section_unit_ = block.units.front();
                        section_ = block.first.section;
                    }
                    break;
                case LineKind::Furniture:
                case LineKind::Credit:  // every credit has a photo plan; kept for completeness
                    leftover(i, LeftoverKind::Furniture);
                    break;
                case LineKind::Short: {
                    std::size_t j = i;
                    while (j < blocks_.size() && !claimed_[j] && !photos_.count(j) && block_kind(j) == LineKind::Short) ++j;
                    const bool body_next = j < blocks_.size() && !claimed_[j] && block_kind(j) == LineKind::Body;
                    if (body_next && open != kNone && j - i == 1) {
                        items_[open].body.push_back(whole(i));  // an intertitle inside the article
                    } else if (body_next) {
                        const std::size_t from = j - i > kMaxTitles ? j - kMaxTitles : i;
                        for (std::size_t k = i; k < from; ++k) leftover(k, LeftoverKind::Unplaced);
                        DraftItem article;
                        article.line = block_line(from);
                        std::vector<std::size_t> titles;
                        for (std::size_t k = from; k < j; ++k) titles.push_back(k);
                        set_titles(article, titles);
                        items_.push_back(std::move(article));
                        open = items_.size() - 1;
                    } else {
                        for (std::size_t k = i; k < j; ++k) leftover(k, LeftoverKind::Unplaced);
                        open = kNone;
                    }
                    i = j - 1;
                    break;
                }
                case LineKind::Body:
                    if (open == kNone) {
                        DraftItem article;  // a paragraph with no title above it: staff add one
                        article.line = block_line(i);
                        items_.push_back(std::move(article));
                        open = items_.size() - 1;
                    }
                    items_[open].body.push_back(whole(i));
                    break;
            }
        }
    }

    // Articles without a kicker take the page's name, as the demo's first article does.
    void apply_section() {
        if (!section_unit_ || !accepted(section_id(src_.units[*section_unit_].begin))) return;
        for (DraftItem& item : items_) {
            if (item.kind == ItemKind::Article && item.kicker.empty()) item.kicker = {{SIZE_MAX, SIZE_MAX}};
        }
    }

    // --- rendering -------------------------------------------------------------------------

    struct Located {
        Text text;
        std::string path;
    };
    std::vector<Located> located_;

    std::u32string render_part(const Part& part) const {
        if (part.begin == SIZE_MAX) return section_;
        std::u32string out;
        for (std::size_t pos = part.begin; pos < part.end;) {
            auto e = edits_.find(pos);
            if (e != edits_.end() && accepted(punct_id(pos))) {
                out += e->second.replacement;
                pos = std::max(pos + 1, std::min(e->second.end, part.end));
                continue;
            }
            out.push_back(src_.text[pos++]);
        }
        return out;
    }

    std::string render_text(const Text& text, const std::string& path) {
        located_.push_back({text, path});
        std::u32string out;
        for (const Part& part : text) {
            std::u32string piece = render_part(part);
            if (!out.empty() && !piece.empty() && ascii_word(out.back()) && ascii_word(piece.front())) out.push_back(U' ');
            out += piece;
        }
        return utf8::encode(out);
    }

    std::string path_of(std::size_t offset) const {
        for (const Located& l : located_) {
            for (const Part& p : l.text) {
                if (p.begin != SIZE_MAX && offset >= p.begin && offset < p.end) return l.path;
            }
        }
        return {};
    }

    std::string context_before(std::size_t at, std::size_t limit) const {
        const std::size_t from = at > limit + kContext ? at - kContext : std::min(at, limit);
        return utf8::encode(src_.view(std::max(from, limit), at));
    }

    std::string context_after(std::size_t at, std::size_t limit) const {
        return utf8::encode(src_.view(at, std::min(limit, at + kContext)));
    }

    Page render() {
        Page page;
        page.section = utf8::encode(section_);
        for (std::size_t n = 0; n < items_.size(); ++n) {
            const DraftItem& d = items_[n];
            const std::string base = "items[" + std::to_string(n) + "].";
            Item item;
            item.kind = d.kind;
            item.line = d.line;
            item.kicker = render_text(d.kicker, base + "kicker");
            item.headline = render_text(d.headline, base + "headline");
            item.subhead = render_text(d.subhead, base + "subhead");
            item.byline = render_text(d.byline, base + "byline");
            for (std::size_t p = 0; p < d.body.size(); ++p) {
                item.body.push_back(render_text(d.body[p], base + "body[" + std::to_string(p) + "]"));
            }
            item.caption = render_text(d.caption, base + "caption");
            item.credit = render_text(d.credit, base + "credit");
            page.items.push_back(std::move(item));
        }
        page.leftovers = std::move(leftovers_);

        std::vector<std::pair<std::size_t, Change>> changes;
        auto add = [&](std::size_t offset, Change c) {
            c.accepted = accepted(c.id);
            c.line = src_.line_of(offset);
            c.column = src_.column_of(offset);
            changes.emplace_back(offset, std::move(c));
        };
        for (std::size_t i = 1; i < src_.units.size(); ++i) {
            if (!joins_[i]) continue;
            const Unit &a = src_.units[i - 1], &b = src_.units[i];
            Change c;
            c.id = join_id(b.begin);
            c.kind = ChangeKind::Join;
            c.before = utf8::encode(src_.view(a.end, b.begin));
            c.after = ascii_word(src_.text[a.end - 1]) && ascii_word(src_.text[b.begin]) ? " " : "";
            c.context_before = context_before(a.end, a.begin);
            c.context_after = context_after(b.begin, b.end);
            c.at = path_of(b.begin);
            add(a.end, std::move(c));
        }
        for (const auto& [begin, e] : edits_) {
            const Unit& u = src_.units[unit_at(begin)];
            Change c;
            c.id = punct_id(begin);
            c.kind = ChangeKind::Punctuation;
            c.before = utf8::encode(src_.view(e.begin, e.end));
            c.after = utf8::encode(e.replacement);
            c.context_before = context_before(e.begin, u.begin);
            c.context_after = context_after(e.end, u.end);
            c.at = path_of(begin);
            add(begin, std::move(c));
        }
        for (const Block& b : blocks_) {
            if (b.kind != LineKind::BylineLead) continue;
            const Unit& u = src_.units[b.units.front()];
            Change c;
            c.id = byline_id(u.begin);
            c.kind = ChangeKind::Byline;
            c.before = utf8::encode(src_.view(u.begin, std::min(u.end, u.begin + b.first.body_begin + kContext)));
            c.after = utf8::encode(src_.view(u.begin, u.begin + b.first.byline_end));
            c.at = path_of(u.begin);
            add(u.begin, std::move(c));
        }
        if (section_unit_) {
            const Unit& u = src_.units[*section_unit_];
            std::string at;
            for (std::size_t n = 0; n < items_.size() && at.empty(); ++n) {
                if (items_[n].kind == ItemKind::Article &&
                    (items_[n].kicker.empty() || items_[n].kicker.front().begin == SIZE_MAX)) {
                    at = "items[" + std::to_string(n) + "].kicker";
                }
            }
            if (!at.empty()) {
                Change c;
                c.id = section_id(u.begin);
                c.kind = ChangeKind::Section;
                c.before = utf8::encode(src_.view(u));
                c.after = page.section;
                c.at = at;
                add(u.begin, std::move(c));
            }
        }
        std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [offset, c] : changes) page.changes.push_back(std::move(c));
        return page;
    }

    std::size_t unit_at(std::size_t offset) const {
        auto it = std::upper_bound(src_.units.begin(), src_.units.end(), offset,
                                   [](std::size_t o, const Unit& u) { return o < u.begin; });
        return static_cast<std::size_t>(it - src_.units.begin()) - 1;
    }
};

}  // namespace

Result<Page> paste(std::string_view text, const std::set<std::string>& rejected) {
    auto src = read_source(text);
    if (!src) return fail(src.error());
    return Assembler(*src, rejected).run();
}

}  // namespace nb::paste
