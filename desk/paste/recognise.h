// What one line of a press-system dump is, from its text alone: the rules a sub-editor reads a
// page by. Pure functions over code points; no state, no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nb::paste {

enum class LineKind {
    Body,        // a paragraph, or a fragment of one cut at a column break
    Short,       // short and not a sentence: a headline, kicker, subhead, intertitle or page furniture
    Byline,      // a whole-line byline: "本报记者 王博文 通讯员 刘艳杰"
    BylineLead,  // a dateline byline that starts a paragraph: "本报济宁4月7日讯(通讯员 段亚洲) 6日,…"
    Credit,      // a photo credit: "本报记者 孔茜 通讯员 臧盛博 摄", "图/张三"
    Folio,       // the page's number and name: "03 新城", "第3版：要闻"
    Furniture,   // editors' names, the date line, "(下转第2版)"
};

struct Recognised {
    LineKind kind = LineKind::Body;
    std::size_t byline_end = 0;  // BylineLead: the byline is [0, byline_end) of the line
    std::size_t body_begin = 0;  // BylineLead: the paragraph starts here
    std::u32string section;      // Folio: the page's name ("新城"), maybe empty
};

Recognised recognise(std::u32string_view line);

// Does the text end a sentence (。！？…；：, or a closing quote or bracket right after one)?
bool ends_sentence(std::u32string_view s);

// Does it have a pause inside (，、；): two phrases, as a kicker or subhead often has.
bool has_pause(std::u32string_view s);

enum class TitleRole { Kicker, Headline, Subhead };

// The roles of the one to three title lines above an article, in order: one is the headline;
// three are kicker, headline, subhead; of two, a pair whose first line is two phrases and the
// second one is kicker + headline, otherwise headline + subhead ("——" starts a subhead).
std::vector<TitleRole> title_roles(const std::vector<std::u32string_view>& titles);

bool is_han(char32_t cp);

}  // namespace nb::paste
