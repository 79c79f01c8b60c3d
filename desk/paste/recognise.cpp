#include "recognise.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <initializer_list>

#include "source.h"

namespace nb::paste {

namespace {

constexpr std::size_t kMaxTitle = 40;   // code points: longer than any headline, shorter than a paragraph
constexpr std::size_t kMaxByline = 60;

using View = std::u32string_view;

bool starts_with(View s, View p) { return s.substr(0, p.size()) == p; }
bool ends_with(View s, View p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }
bool starts_with_any(View s, std::initializer_list<View> ps) {
    return std::any_of(ps.begin(), ps.end(), [&](View p) { return starts_with(s, p); });
}
bool is_digit(char32_t cp) { return (cp >= U'0' && cp <= U'9') || (cp >= U'０' && cp <= U'９'); }
bool is_upper(char32_t cp) { return cp >= U'A' && cp <= U'Z'; }
bool is_open(char32_t cp) { return cp == U'(' || cp == U'（' || cp == U'【' || cp == U'[' || cp == U'〔'; }
bool is_close(char32_t cp) { return cp == U')' || cp == U'）' || cp == U'】' || cp == U']' || cp == U'〕'; }
bool is_terminal(char32_t cp) {
    return cp == U'。' || cp == U'．' || cp == U'.' || cp == U'！' || cp == U'？' || cp == U'!' || cp == U'?' ||
           cp == U'…' || cp == U'；' || cp == U';' || cp == U'：' || cp == U':';
}
bool is_closing_mark(char32_t cp) {
    return cp == U'”' || cp == U'’' || cp == U'」' || cp == U'』' || cp == U'）' || cp == U')' || cp == U'》' ||
           cp == U'〉' || cp == U'】' || cp == U'"';
}
bool is_bullet(char32_t cp) {
    return View(U"□■◎●▲△○★☆◆◇▌▍|·•").find(cp) != View::npos;
}

View trim(View s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// "(…)" / "（…）" / "【…】" around the whole text: the inside, else the text.
View unwrap(View s) {
    if (s.size() >= 2 && is_open(s.front()) && is_close(s.back())) return trim(s.substr(1, s.size() - 2));
    return s;
}

bool all_han(View s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_han); }

// A person's name as papers print it: two to four Han characters, or a transcribed name with "·".
bool is_name(View s) {
    if (s.find(U'·') != View::npos || s.find(U'•') != View::npos) {
        return s.size() <= 12 && std::all_of(s.begin(), s.end(), [](char32_t c) { return is_han(c) || c == U'·' || c == U'•'; });
    }
    return s.size() >= 2 && s.size() <= 4 && all_han(s);
}

constexpr View kRoles[] = {U"本报记者", U"本报通讯员", U"本刊记者", U"本报特约记者", U"特约通讯员", U"见习记者",
                           U"实习记者", U"特约记者", U"首席记者", U"记者",     U"通讯员",     U"实习生",
                           U"文/图",    U"文图",     U"撰稿",     U"作者",     U"采写",       U"报道",
                           U"文",       U"图",       U"本报"};

bool is_role(View s) {
    if (std::find(std::begin(kRoles), std::end(kRoles), s) != std::end(kRoles)) return true;
    // "新华社记者", "大众日报记者": an outlet, then 记者 / 通讯员.
    for (View tail : {View(U"记者"), View(U"通讯员")}) {
        if (ends_with(s, tail) && s.size() <= tail.size() + 6 && all_han(s)) return true;
    }
    return false;
}

// "本报记者 王博文 通讯员 刘艳杰 高先悦", "记者王博文", "文/本报记者 张三": roles and names only.
bool is_byline_line(View s) {
    s = trim(s);
    while (!s.empty() && is_bullet(s.front())) s = trim(s.substr(1));
    s = unwrap(s);
    if (s.empty() || s.size() > kMaxByline) return false;
    int roles = 0, names = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        while (j < s.size() && !is_space(s[j]) && View(U"/、，,:：|").find(s[j]) == View::npos) ++j;
        View token = s.substr(i, j - i);
        if (!token.empty()) {
            bool split = false;  // "记者王五": a role glued to a name
            for (View role : kRoles) {
                if (role.size() >= 2 && starts_with(token, role) && is_name(token.substr(role.size()))) {
                    ++roles, ++names, split = true;
                    break;
                }
            }
            if (split) {
            } else if (is_role(token)) {
                ++roles;
            } else if (is_name(token)) {
                ++names;
            } else {
                return false;
            }
        }
        i = j + 1;
    }
    return roles > 0 && names > 0;
}

// Where a bracketed part that opens at s[at] closes (one past it), or 0.
std::size_t bracket_end(View s, std::size_t at, std::size_t limit) {
    if (at >= s.size() || !is_open(s[at])) return 0;
    for (std::size_t k = at + 1; k < s.size() && k < at + limit; ++k) {
        if (is_close(s[k])) return k + 1;
        if (is_open(s[k])) return 0;
    }
    return 0;
}

// The dateline byline at the start of a paragraph: "本报济宁4月7日讯(通讯员 段亚洲)",
// "本报讯（记者 张三）", "新华社北京4月7日电（记者 李四）". Its length, or 0.
std::size_t dateline_length(View s) {
    std::size_t mark = View::npos;  // the 讯 / 电
    auto find_mark = [&](std::size_t from, char32_t what, std::size_t within) {
        for (std::size_t k = from; k < s.size() && k < from + within; ++k) {
            if (s[k] == what && !(k + 1 < s.size() && s[k + 1] == U'员')) return k;  // 讯, not 通讯员
            if (is_space(s[k]) || View(U"，,。、；;：:").find(s[k]) != View::npos) return View::npos;
        }
        return View::npos;
    };
    if (starts_with_any(s, {U"本报", U"本刊"})) {
        mark = find_mark(2, U'讯', 14);
    } else {
        // An agency or paper: a known name, or up to eight Han characters ending in 社 网 台 报.
        std::size_t agency = 0;
        for (std::size_t k = 2; k < s.size() && k <= 8 && is_han(s[k - 1]); ++k) {
            if (View(U"社网台报").find(s[k - 1]) != View::npos) {
                agency = k;
                break;
            }
        }
        if (agency > 0) mark = find_mark(agency, U'电', 16);
    }
    if (mark == View::npos) return 0;
    std::size_t end = mark + 1;
    std::size_t k = end;
    while (k < s.size() && is_space(s[k])) ++k;
    if (std::size_t close = bracket_end(s, k, 60)) end = close;
    return end;
}

bool is_credit(View s) {
    s = unwrap(trim(s));
    if (s.empty() || s.size() > kMaxByline || ends_sentence(s)) return false;
    if (starts_with_any(s, {U"图/", U"图：", U"图:", U"摄影/", U"摄影：", U"摄影:", U"图片/", U"图片：", U"图片:",
                            U"供图：", U"供图:", U"照片：", U"照片:"})) {
        return true;
    }
    if ((starts_with(s, U"图片由") || starts_with(s, U"照片由")) && (ends_with(s, U"提供") || ends_with(s, U"供图"))) {
        return true;
    }
    View before;
    if (ends_with(s, U"摄影")) before = s.substr(0, s.size() - 2);
    else if (ends_with(s, U"供图")) before = s.substr(0, s.size() - 2);
    else if (ends_with(s, U"摄")) before = s.substr(0, s.size() - 1);
    else return false;
    if (before.empty()) return false;
    if (is_space(before.back()) || before.back() == U'/') return true;
    for (View word : {View(U"记者"), View(U"通讯员"), View(U"本报"), View(U"社"), View(U"实习生")}) {
        if (before.find(word) != View::npos) return true;
    }
    return is_name(before);  // "张三摄"
}

bool is_chinese_number(char32_t cp) { return View(U"一二三四五六七八九十").find(cp) != View::npos; }

// "03 新城", "A3 要闻", "第3版", "第03版：要闻", "A03版 | 经济".
bool is_folio(View s, std::u32string& section) {
    std::size_t k = 0;
    bool di = false;
    if (starts_with(s, U"第")) di = true, k = 1;
    if (k < s.size() && is_upper(s[k])) ++k;
    const std::size_t digits_from = k;
    while (k < s.size() && (is_digit(s[k]) || (di && is_chinese_number(s[k])))) ++k;
    const std::size_t digits = k - digits_from;
    if (digits == 0 || digits > 3) return false;
    bool separated = false;
    if (k < s.size() && s[k] == U'版') ++k, separated = true;
    else if (di) return false;
    while (k < s.size() && (is_space(s[k]) || View(U":：|·-—").find(s[k]) != View::npos)) ++k, separated = true;
    View name = s.substr(k);
    if (name.empty()) {
        section.clear();
        return di || separated;
    }
    if (!separated || name.size() > 8) return false;
    if (!std::any_of(name.begin(), name.end(), is_han)) return false;
    if (std::any_of(name.begin(), name.end(), [](char32_t c) { return is_space(c) || is_terminal(c); })) return false;
    section.assign(name);
    return true;
}

bool is_furniture(View s) {
    if (s.size() <= 60 && starts_with_any(s, {U"责任编辑", U"责编", U"编辑", U"美术编辑", U"美编", U"校对", U"组版",
                                              U"版式", U"审读", U"审核", U"签发", U"值班编辑", U"排版", U"照排"})) {
        // "编辑：张三", not "编辑部门要…": a separator or a space right after the title.
        for (std::size_t k = 2; k < s.size() && k < 6; ++k) {
            if (is_space(s[k]) || s[k] == U':' || s[k] == U'：') return true;
        }
        return false;
    }
    if (s.size() <= 20 && (s.find(U"下转") != View::npos || s.find(U"上接") != View::npos || s.find(U"转第") != View::npos)) {
        return true;
    }
    // The date line: "2019年4月8日 星期一", "2019年4月8日 周一 农历三月初四".
    if (s.size() <= 40 && s.size() >= 5 && is_digit(s[0]) && s.find(U'年') != View::npos &&
        (s.find(U"星期") != View::npos || s.find(U"周") != View::npos) && !ends_sentence(s)) {
        return true;
    }
    return false;
}

}  // namespace

bool is_han(char32_t cp) { return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_IDEOGRAPHIC); }

bool ends_sentence(View s) {
    s = trim(s);
    if (s.empty()) return false;
    char32_t last = s.back();
    if (is_terminal(last)) return true;
    // "…作用。”" ends a sentence; "…“一盘棋”" does not.
    std::size_t k = s.size();
    while (k > 0 && is_closing_mark(s[k - 1])) --k;
    return k < s.size() && k > 0 && is_terminal(s[k - 1]);
}

bool has_pause(View s) {
    s = trim(s);
    if (s.size() < 2) return false;
    return s.substr(0, s.size() - 1).find_first_of(U"，,、；;") != View::npos;
}

Recognised recognise(View line) {
    Recognised r;
    std::u32string section;
    if (is_folio(line, section)) {
        r.kind = LineKind::Folio;
        r.section = section;
        return r;
    }
    if (is_furniture(line)) {
        r.kind = LineKind::Furniture;
        return r;
    }
    if (is_credit(line)) {
        r.kind = LineKind::Credit;
        return r;
    }
    if (std::size_t n = dateline_length(line)) {
        std::size_t body = n;
        while (body < line.size() && is_space(line[body])) ++body;
        r.kind = body >= line.size() ? LineKind::Byline : LineKind::BylineLead;
        r.byline_end = n;
        r.body_begin = body;
        return r;
    }
    if (is_byline_line(line)) {
        r.kind = LineKind::Byline;
        return r;
    }
    const bool stop_inside = line.size() > 1 && line.substr(0, line.size() - 1).find(U'。') != View::npos;
    const bool exclaims = !line.empty() && View(U"！？!?").find(line.back()) != View::npos;
    if (line.size() <= kMaxTitle && !stop_inside && (!ends_sentence(line) || (exclaims && line.size() <= 20))) {
        r.kind = LineKind::Short;
    }
    return r;
}

std::vector<TitleRole> title_roles(const std::vector<View>& titles) {
    switch (titles.size()) {
        case 0: return {};
        case 1: return {TitleRole::Headline};
        case 2: {
            const View second = trim(titles[1]);
            if (starts_with_any(second, {U"——", U"—", U"--"})) return {TitleRole::Headline, TitleRole::Subhead};
            if (has_pause(titles[0]) && !has_pause(second)) return {TitleRole::Kicker, TitleRole::Headline};
            return {TitleRole::Headline, TitleRole::Subhead};
        }
        default: {
            std::vector<TitleRole> roles(titles.size() - 3, TitleRole::Kicker);
            roles.insert(roles.end(), {TitleRole::Kicker, TitleRole::Headline, TitleRole::Subhead});
            return roles;
        }
    }
}

}  // namespace nb::paste
