// Chinese typography as data: line breaking with kinsoku, paragraph layout (indent,
// justification, mixed ASCII punctuation), headline auto-fit, glyph coverage and the
// font cascade with its system fallback. No SDL: the layout is checked by its numbers.
#include <fontconfig/fontconfig.h>
#include <sys/mman.h>
#include <unicode/utf8.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <set>
#include <string>
#include <thread>
#include <tuple>

#include "core/utf8.h"
#include "text/cascade.h"
#include "text/chars.h"
#include "text/clamp.h"
#include "text/face.h"
#include "text/flow.h"
#include "text/icu_paging.h"
#include "text/layout.h"
#include "text/linebreak.h"
#include "vm_flags.h"

using namespace nb;
using namespace nb::text;

namespace {

const char* const kSystemCjkRegular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const char* const kSystemCjkBold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";

// Paragraphs from the seed page (../shared/seeds/000_2a2e104cf04f8ed9.txt), with its mixed
// ASCII commas and parentheses, “” quotes, 《》 titles and a column break re-joined.
const char* const kByline =
    "本报济宁4月7日讯(通讯员 段亚洲) 6日,高新区召开重点工作部署会议。会上听取了近期全区经济运行、招商引资、"
    "安全生产、环境保护等方面重点工作的情况汇报,并对下步具体工作进行了安排部署。高新区党工委副书记、管委会副主任"
    "刘章箭主持会议并讲话。";
const char* const kRejoined =
    "刘章箭指出,各级各部门要认清当前形势,高度重视经济运行工作。要从讲政治的高度,认真领会省市要求,牢固树立大局"
    "意识,不断增强主业意识、风险意识,持续强化执行力,坚持全区“一盘棋”,确保主要指标运行在合理区间,保持经济平稳运行。";
const char* const kTitles =
    "规范制度文件,加强“双基”工作顶层设计。第一时间建章立制、规范引导,为“双基”工作保驾护航,务求“双基”工作长效开展。"
    "成立“双基”工作专题领导小组和4个专项推进组,召开全区“十大攻坚行动”推进会议进行安排部署;先后印发《济宁高新区强化"
    "党建统领推进“双基”工作三年行动计划》、《关于印发<2019年度高新区基层党建工作考核实施办法>的通知》等文件;制定"
    "“双基”工作推进方案和措施配档表,明确责任单位和责任人,抓好“双基”“十项行动”任务落实。";
const char* const kTulips =
    "清明假期,外出踏青郊游、赏花看景成为了不少市民的选择。而蓼河湿地公园17万株绚丽多彩的郁金香争相怒放,一时间也成为了"
    "广大市民炙手可热的拍照圣地,仅清明节三天假期,便吸引来2万余人次前来观赏游玩。";
const char* const kQuotes =
    "严格节点考核,落实“双基”工作奖惩办法。高新区定期考核、奖罚分明,每季度听取“双基”工作开展情况并量化打分,对任务完成"
    "出色的单位和个人给予表彰和奖励,将“双基”工作列入年底基层党建考核重点内容,使“双基”工作“超额完成”、“提标出彩”。";

// The bundled subset when it is there (the tests' environment points NEWSBOARD_FONT_DIR at
// fonts/), else the full Noto Sans CJK SC from Debian's fonts-noto-cjk.
Result<FontCascade> make_cascade(SystemFallback system) {
    auto bundled = FontCascade::create(system);
    if (bundled) return bundled;
    auto library = FtLibrary::create();
    REQUIRE(library);
    auto regular = Face::index_of_family(*library, kSystemCjkRegular, "Noto Sans CJK SC");
    auto bold = Face::index_of_family(*library, kSystemCjkBold, "Noto Sans CJK SC");
    REQUIRE(regular);
    REQUIRE(bold);
    return FontCascade::from_files({std::string(kSystemCjkRegular) + "#" + std::to_string(*regular)},
                                   {std::string(kSystemCjkBold) + "#" + std::to_string(*bold)}, system);
}

const FontCascade& fonts() {
    static FontCascade cascade = std::move(make_cascade(SystemFallback::Ignore).value());
    return cascade;
}

bool bundled_subset_in_use() { return fonts().file_of(0).find(".subset.") != std::string::npos; }

char32_t first_char(const std::string& s) {
    const auto d = utf8::decode(s);
    return d.empty() ? 0 : d.front();
}

// The last character that is not white space hanging at the line's end.
char32_t last_visible_char(const std::string& s) {
    auto d = utf8::decode(s);
    while (!d.empty() && hangs_at_line_end(d.back())) d.pop_back();
    return d.empty() ? 0 : d.back();
}

std::string joined(const Block& block) {
    std::string out;
    for (const Line& line : block.lines) out += line.text;
    return out;
}

// "中|文" → the text without the bars, and the byte offsets where the bars were.
std::pair<std::string, std::vector<std::size_t>> parse_marked(const std::string& marked) {
    std::string text;
    std::vector<std::size_t> offsets;
    for (const char c : marked) {
        if (c == '|')
            offsets.push_back(text.size());
        else
            text += c;
    }
    return {text, offsets};
}

std::string mark(const std::string& text, const std::vector<std::size_t>& offsets) {
    std::string out;
    std::size_t from = 0;
    for (const std::size_t o : offsets) {
        out += text.substr(from, o - from) + "|";
        from = o;
    }
    return out + text.substr(from);
}

Style body_style(int size_px) {
    Style style;
    style.size_px = size_px;
    style.align = Align::Justify;
    style.indent = Indent::TwoEm;
    return style;
}

}  // namespace

TEST_CASE("ICU's data is read from disk a page at a time, and still serves the line breaks", "[text]") {
    // A cold start read up to 27 MB of it for ~200 KB used (text/icu_paging.h).
    read_icu_data_as_used();
    REQUIRE(icu_common_data());
    if (nbtest::advice_shows(MADV_RANDOM, "rr")) {
        const std::string flags = nbtest::vm_flags_at(icu_common_data());
        CAPTURE(flags);
        CHECK(flags.find(" rr ") != std::string::npos);
    }
    CHECK(mark("中文排版", break_opportunities("中文排版")) == "中|文|排|版");
}

TEST_CASE("lines break where UAX #14 and Chinese kinsoku both allow it", "[text]") {
    // '|' marks every place a line may start; rows also pin places it must not.
    auto [marked, why] = GENERATE(table<std::string, std::string>({
        {"中|文|排|版", "between any two Han characters"},
        {"我|们|走。", "never before 。"},
        {"他|说：|“你|好。”", "a quote opens after CJK text; never after “ or before ”"},
        {"坚|持|全|区|“一|盘|棋”,|确|保", "before “ after CJK text; never before an ASCII comma"},
        {"the |“quote” |here", "quotes in Latin text keep UAX #14's rule"},
        {"“双|基”|“十|项|行|动”|任|务", "between a closing and an opening quote"},
        {"(通|讯|员 |段|亚|洲) |6|日,|高|新|区", "never after ( or before ), or before ,"},
        {"《济|宁|高|新|区》、|《关|于》", "never after 《, before 》 or before 、"},
        {"他|说……|好", "never before …"},
        {"增|长|17.5%|以|上", "a number keeps its point and percent sign"},
        {"融|媒|体|新|闻|热|线:6557709", "never before : nor between : and digits"},
        {"（一）|总|则", "never after （ or before ）"},
        {"Hello, |world!", "Latin words break at spaces only"},
        {"第|一\n|第|二", "after a newline (a mandatory break)"},
    }));
    CAPTURE(marked, why);
    const auto [text, expected] = parse_marked(marked);
    CHECK(mark(text, break_opportunities(text)) == marked);
}

TEST_CASE("a newline is a mandatory break, other opportunities are optional", "[text]") {
    const auto breaks = line_breaks("第一\n第二");
    REQUIRE(breaks.size() == 3);
    CHECK_FALSE(breaks[0].mandatory);  // 第|一
    CHECK(breaks[1].mandatory);        // \n|第
    CHECK(breaks[1].offset == std::string("第一\n").size());
}

TEST_CASE("seed paragraphs lay out with kinsoku, exact text and glyphs inside the width", "[text]") {
    const std::string paragraph = GENERATE(as<std::string>{}, kByline, kRejoined, kTitles, kTulips, kQuotes);
    const int size_px = GENERATE(24, 36);
    const int width = GENERATE(range(200, 1701, 37));
    CAPTURE(paragraph.substr(0, 30), size_px, width);

    const Block block = layout_paragraph(fonts(), paragraph, body_style(size_px), static_cast<float>(width));
    REQUIRE_FALSE(block.lines.empty());
    CHECK(joined(block) == paragraph);
    CHECK(block.lines.back().last_of_paragraph);
    float y = 0;
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
        const Line& line = block.lines[i];
        CAPTURE(i, line.text);
        CHECK(line.y == y);
        y += line.height;
        if (i > 0) CHECK_FALSE(is_forbidden_line_start(first_char(line.text)));
        if (i + 1 < block.lines.size()) CHECK_FALSE(is_forbidden_line_end(last_visible_char(line.text)));
        for (const Glyph& g : line.glyphs) {
            CHECK(line.x + g.x >= 0.f);
            CHECK(line.x + g.x + g.advance <= static_cast<float>(width) + 0.5f);
            CHECK(g.glyph_id != 0);
        }
        if (!line.last_of_paragraph) {
            REQUIRE_FALSE(line.glyphs.empty());
            const Glyph& last = line.glyphs.back();
            CHECK(std::abs(last.x + last.advance - static_cast<float>(width)) <= 1.f);
            CHECK(line.width == Approx(static_cast<float>(width)).margin(1.0));
        }
    }
    CHECK(block.height == y);
    // No paragraph ends on a line of one character and its punctuation (孤字).
    if (block.lines.size() > 1) CHECK(count_letters(block.lines.back().text) >= 2);
}

TEST_CASE("a paragraph never ends on one character: it is pulled back or given company", "[text]") {
    // At 41 px in 972 px (a 1080x1920 board) this ended on a lone `处。`.
    const std::string paragraph =
        "刘章箭指出,当前高新区要集中力量打造高端装备、医养健康、新一代信息技术、新能源新材料四大产业板块,通过成立"
        "相应专班,靠上抓推进、抓服务、抓落实。高新区重点项目挂图作战总指挥部要提升整体调度质量,强力攻坚,重点突破,"
        "做好与经济主管部门之间的协调、配合工作。同时,相关部门要不断强化督导、督办力度,全面推进各项任务,确保工作落到实处。";
    const int width = GENERATE(972, range(300, 1300, 7));
    CAPTURE(width);
    const Block block = layout_paragraph(fonts(), paragraph, body_style(41), static_cast<float>(width));
    REQUIRE(block.lines.size() > 1);
    CHECK(joined(block) == paragraph);
    CHECK(count_letters(block.lines.back().text) >= 2);
    for (const Line& line : block.lines) {
        CAPTURE(line.text);
        CHECK(line.x + line.width <= static_cast<float>(width) + 0.5f);
        for (const Glyph& g : line.glyphs) CHECK(g.x + g.advance <= static_cast<float>(width) + 0.5f);
    }
    if (width == 972) CHECK(block.lines.back().text != "处。");
}

TEST_CASE("lines the writer broke with a newline keep a short last line", "[text]") {
    const Block block = layout_paragraph(fonts(), "春眠不觉晓，处处闻啼鸟。\n夜。", body_style(40), 2000.f);
    REQUIRE(block.lines.size() == 2);
    CHECK(block.lines.back().text == "夜。");
}

TEST_CASE("a body paragraph's first line is indented by two em, the others start at the edge", "[text]") {
    const int size_px = GENERATE(20, 32, 48);
    CAPTURE(size_px);
    const Block block = layout_paragraph(fonts(), kByline, body_style(size_px), 700.f);
    REQUIRE(block.lines.size() > 2);
    CHECK(block.lines[0].glyphs.front().x == static_cast<float>(2 * size_px));
    for (std::size_t i = 1; i < block.lines.size(); ++i) CHECK(block.lines[i].glyphs.front().x == 0.f);
    // The indent is room, not characters: the text is unchanged.
    CHECK(block.lines[0].text.rfind("本报", 0) == 0);

    SECTION("a paragraph that brings its own full-width spaces is not indented twice") {
        const std::string own = "\u3000\u3000" + std::string(kTulips);
        const Block b = layout_paragraph(fonts(), own, body_style(size_px), 700.f);
        REQUIRE_FALSE(b.lines.empty());
        const auto& glyphs = b.lines[0].glyphs;
        REQUIRE(glyphs.size() > 2);
        CHECK(glyphs[2].x == Approx(2.f * static_cast<float>(size_px)).margin(0.5));
        CHECK(joined(b) == own);
    }
}

TEST_CASE("lines are stacked at a whole-pixel line height with the em box centred", "[text]") {
    Style style = body_style(32);
    style.line_height = 1.62f;
    const Block block = layout_paragraph(fonts(), kTulips, style, 500.f);
    REQUIRE(block.lines.size() > 1);
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
        CHECK(block.lines[i].height == std::round(32 * 1.62f));
        CHECK(block.lines[i].y == static_cast<float>(i) * std::round(32 * 1.62f));
        CHECK(block.lines[i].size_px == 32);
    }
    // Noto CJK's em box is 880 above and 120 below the baseline: centred in a 52 px box,
    // its top is 10 px down, so the baseline is at 10 + 0.88 × 32.
    CHECK(block.lines[0].baseline == Approx(10.f + 0.88f * 32.f).margin(0.05));
    CHECK(block.height == Approx(static_cast<float>(block.lines.size()) * 52.f));
}

TEST_CASE("white space at a line break stays in the text but is not measured", "[text]") {
    Style style;
    style.size_px = 30;
    const std::string text = "Newsboard shows the local paper on public boards in parks and squares";
    const Block block = layout_paragraph(fonts(), text, style, 300.f);
    REQUIRE(block.lines.size() > 1);
    CHECK(joined(block) == text);
    for (const Line& line : block.lines) {
        CAPTURE(line.text);
        if (!line.last_of_paragraph) CHECK(line.text.back() == ' ');
        CHECK(line.text.front() != ' ');
        CHECK(line.width <= 300.f + 0.01f);
        // No glyph for the trailing space.
        REQUIRE_FALSE(line.glyphs.empty());
        CHECK(line.glyphs.back().cluster < line.text.size() - (line.last_of_paragraph ? 0 : 1));
    }
}

TEST_CASE("a newline inside a paragraph ends the line, which is not justified", "[text]") {
    const std::string text = "第一行很短\n第二行也短";
    const Block block = layout_paragraph(fonts(), text, body_style(32), 800.f);
    REQUIRE(block.lines.size() == 2);
    CHECK(block.lines[0].text == "第一行很短\n");
    CHECK(block.lines[0].width < 400.f);  // not stretched to 800
    CHECK(block.lines[0].glyphs.size() == 5);
    CHECK(joined(block) == text);
}

TEST_CASE("a run longer than the line is broken between characters, not overflowed", "[text]") {
    Style style;
    style.size_px = 32;
    const std::string url = "详见https://www.jining-gaoxin.example.gov.cn/xinwen/2019/04/08/zhongdian-gongzuo.html";
    const float width = 260.f;
    const Block block = layout_paragraph(fonts(), url, style, width);
    REQUIRE(block.lines.size() > 2);
    CHECK(joined(block) == url);
    for (const Line& line : block.lines) {
        CAPTURE(line.text);
        REQUIRE_FALSE(line.glyphs.empty());
        CHECK(line.width <= width + 0.01f);
        CHECK(line.width > width * 0.6f);  // filled, not one character a line
    }

    SECTION("even a single character wider than the line gets a line of its own") {
        const Block tiny = layout_paragraph(fonts(), "中文字", style, 10.f);
        REQUIRE(tiny.lines.size() == 3);
        CHECK(joined(tiny) == "中文字");
    }
}

TEST_CASE("an ASCII comma before Chinese text gets about a third of an em of room", "[text]") {
    Style style;
    style.size_px = 40;
    const Block chinese = layout_paragraph(fonts(), "6日,高新区", style, 2000.f);
    const Block latin = layout_paragraph(fonts(), "6a,bcd", style, 2000.f);
    REQUIRE(chinese.lines.size() == 1);
    REQUIRE(latin.lines.size() == 1);
    const auto comma_advance = [](const Line& line) {
        for (const Glyph& g : line.glyphs)
            if (line.text[g.cluster] == ',') return g.advance;
        return -1.f;
    };
    CHECK(comma_advance(chinese.lines[0]) == Approx(comma_advance(latin.lines[0]) + 0.35f * 40.f).margin(0.1));

    SECTION("but not at the end of a line, where it would only push the line wider") {
        const Block at_end = layout_paragraph(fonts(), "高新区,", style, 2000.f);
        REQUIRE(at_end.lines.size() == 1);
        CHECK(comma_advance(at_end.lines[0]) == Approx(comma_advance(latin.lines[0])).margin(0.1));
    }
}

TEST_CASE("consecutive full-width punctuation is set without a blank em between the marks", "[text]") {
    auto [text, squeezed, why] = GENERATE(table<std::string, std::string, std::string>({
        {"一盘棋”，持续", "”", "a closing quote before a comma"},
        {"运行。”他说", "。", "a full stop before a closing quote"},
        {"他说，“你好", "，", "a comma before an opening quote"},
        {"一盘棋”持续", "", "a quote before a Han character keeps its em"},
    }));
    CAPTURE(text, why);
    Style style;
    style.size_px = 40;
    const Block block = layout_paragraph(fonts(), text, style, 2000.f);
    REQUIRE(block.lines.size() == 1);
    const Line& line = block.lines[0];
    for (const Glyph& g : line.glyphs) {
        const bool half = !squeezed.empty() && line.text.compare(g.cluster, squeezed.size(), squeezed) == 0;
        CAPTURE(g.cluster);
        CHECK(g.advance == Approx(half ? 20.f : 40.f));
    }
}

TEST_CASE("justification widens gaps beside CJK characters and spaces, never inside words", "[text]") {
    SECTION("a Latin paragraph stretches its spaces only") {
        Style style;
        style.size_px = 30;
        style.align = Align::Justify;
        const std::string text = "Newsboard shows the local paper on public boards in parks and squares";
        const Block block = layout_paragraph(fonts(), text, style, 420.f);
        const Block natural = layout_paragraph(fonts(), text, Style{Weight::Regular, 30}, 420.f);
        REQUIRE(block.lines.size() == natural.lines.size());
        REQUIRE(block.lines.size() > 1);
        const Line& line = block.lines[0];
        const Line& plain = natural.lines[0];
        REQUIRE(line.glyphs.size() == plain.glyphs.size());
        CHECK(line.width == Approx(420.f));
        for (std::size_t k = 0; k < line.glyphs.size(); ++k) {
            const char c = line.text[line.glyphs[k].cluster];
            CAPTURE(k, c);
            if (c == ' ')
                CHECK(line.glyphs[k].advance > plain.glyphs[k].advance + 0.5f);
            else
                CHECK(line.glyphs[k].advance == Approx(plain.glyphs[k].advance));
        }
    }
    SECTION("a number keeps its digits together in a justified Chinese line") {
        const std::string text = "蓼河湿地公园17万株绚丽多彩的郁金香争相怒放一时间也成为了广大市民炙手可热的拍照圣地";
        const Block block = layout_paragraph(fonts(), text, body_style(32), 500.f);
        const Block natural = layout_paragraph(fonts(), text, Style{Weight::Regular, 32, 1.5f, Align::Start,
                                                                    Indent::TwoEm}, 500.f);
        REQUIRE(block.lines.size() > 1);
        const Line& line = block.lines[0];
        REQUIRE(line.text == natural.lines[0].text);
        for (std::size_t k = 0; k < line.glyphs.size(); ++k) {
            if (line.text[line.glyphs[k].cluster] == '1') {
                CHECK(line.glyphs[k].advance == Approx(natural.lines[0].glyphs[k].advance));  // 1|7
                CHECK(line.glyphs[k + 1].advance > natural.lines[0].glyphs[k + 1].advance);  // 7|万
            }
        }
    }
    SECTION("a line with nothing to stretch stays start-aligned") {
        Style style;
        style.size_px = 32;
        style.align = Align::Justify;
        const Block block = layout_paragraph(fonts(), "0123456789012345678901234567890123456789", style, 300.f);
        REQUIRE(block.lines.size() > 1);
        CHECK(block.lines[0].width < 300.f);
        CHECK(block.lines[0].x == 0.f);
    }
}

TEST_CASE("centred and end-aligned lines are placed by their line offset", "[text]") {
    Style style;
    style.size_px = 32;
    style.align = GENERATE(Align::Center, Align::End);
    const Block block = layout_paragraph(fonts(), "济宁高新区", style, 600.f);
    REQUIRE(block.lines.size() == 1);
    const Line& line = block.lines[0];
    CHECK(line.width == Approx(5 * 32.f).margin(1));
    const float expected = style.align == Align::Center ? (600.f - line.width) / 2.f : 600.f - line.width;
    CHECK(line.x == Approx(expected));
    CHECK(line.glyphs.front().x == 0.f);
}

TEST_CASE("an empty paragraph has no lines", "[text]") {
    const Block block = layout_paragraph(fonts(), "", body_style(32), 500.f);
    CHECK(block.lines.empty());
    CHECK(block.height == 0.f);
}

TEST_CASE("headlines are fitted to the largest size that keeps them in their lines", "[text]") {
    Style style;
    style.weight = Weight::Bold;
    style.line_height = 1.25f;

    SECTION("a long headline shrinks until it fits in three lines") {
        const std::string headline = "济宁高新区强化党建统领,多方向发力助推“双基”工作提质增效,全区上下持续强化执行力";
        const Fitted fitted = fit_text(fonts(), headline, style, 900.f, 3, 24, 120);
        CHECK(fitted.fits);
        CHECK(fitted.size_px < 120);
        CHECK(fitted.block.lines.size() <= 3);
        CHECK(joined(fitted.block) == headline);
        for (const Line& line : fitted.block.lines) CHECK(line.width <= 900.5f);
        // The next size up would not fit.
        style.size_px = fitted.size_px + 1;
        CHECK(layout_paragraph(fonts(), headline, style, 900.f).lines.size() > 3);
    }
    SECTION("a short headline gets the largest size") {
        const Fitted fitted = fit_text(fonts(), "新城", style, 900.f, 3, 24, 120);
        CHECK(fitted.fits);
        CHECK(fitted.size_px == 120);
        REQUIRE(fitted.block.lines.size() == 1);
        CHECK(fitted.block.lines[0].size_px == 120);
    }
    SECTION("an impossible headline comes back whole at the smallest size, marked as not fitting") {
        const Fitted fitted = fit_text(fonts(), kTitles, style, 300.f, 2, 24, 120);
        CHECK_FALSE(fitted.fits);
        CHECK(fitted.size_px == 24);
        CHECK(fitted.block.lines.size() > 2);
        CHECK(joined(fitted.block) == kTitles);
    }
}

TEST_CASE("missing glyphs are reported once each, in order, and never for white space", "[text]") {
    // U+10FFFD (private use, plane 16) is in no font; U+1F9FF (nazar amulet) only in emoji
    // fonts, which are not used for 8-bit coverage anyway.
    const std::string text = "高新\U0010FFFD区 \t\n\u3000\u200B\uFE0F 新\U0001F9FF城\U0010FFFD";
    const auto missing = missing_glyphs(fonts(), text);
    REQUIRE(missing.size() == 2);
    CHECK(missing[0].cp == 0x10FFFD);
    CHECK(missing[0].index == 2);
    CHECK(missing[1].cp == 0x1F9FF);
    CHECK(missing[1].index == 12);
    CHECK(missing_glyphs(fonts(), "济宁高新区 (通讯员 段亚洲) 6日,“郁”你相见。\n").empty());

    SECTION("𠮷 (U+20BB7) is outside the bundled subset") {
        if (!bundled_subset_in_use()) {
            WARN("bundled fonts not found: running against the full Noto Sans CJK SC");
            CHECK(missing_glyphs(fonts(), "\U00020BB7").empty());
        } else {
            const auto m = missing_glyphs(fonts(), "吉\U00020BB7");
            REQUIRE(m.size() == 1);
            CHECK(m[0].cp == 0x20BB7);
            CHECK(m[0].index == 1);
        }
    }
}

TEST_CASE("a character no font has is left out of the layout, never drawn as a box", "[text]") {
    const std::string text = "高\U0010FFFD新";
    const Block block = layout_paragraph(fonts(), text, Style{}, 500.f);
    REQUIRE(block.lines.size() == 1);
    CHECK(block.lines[0].text == text);
    REQUIRE(block.lines[0].glyphs.size() == 2);
    CHECK(block.lines[0].glyphs[1].cluster == std::string("高\U0010FFFD").size());
    for (const Glyph& g : block.lines[0].glyphs) CHECK(g.glyph_id != 0);
}

TEST_CASE("with system fallback, a character the bundled fonts lack comes from an installed font", "[text]") {
    // Armenian Ա is in DejaVu Sans, which Debian installs with fontconfig; not in Noto CJK.
    const char32_t armenian = 0x531;
    std::set<std::string> having;  // every installed file fontconfig says has it
    {
        FcPattern* pattern = FcPatternCreate();
        FcCharSet* charset = FcCharSetCreate();
        FcCharSetAddChar(charset, armenian);
        FcPatternAddCharSet(pattern, FC_CHARSET, charset);
        FcObjectSet* objects = FcObjectSetBuild(FC_FILE, nullptr);
        FcConfig* config = FcInitLoadConfigAndFonts();  // not the implicit one, which is never freed
        FcFontSet* list = FcFontList(config, pattern, objects);
        for (int i = 0; list && i < list->nfont; ++i) {
            FcChar8* file = nullptr;
            if (FcPatternGetString(list->fonts[i], FC_FILE, 0, &file) == FcResultMatch)
                having.insert(reinterpret_cast<const char*>(file));
        }
        if (list) FcFontSetDestroy(list);
        FcObjectSetDestroy(objects);
        FcCharSetDestroy(charset);
        FcPatternDestroy(pattern);
        FcConfigDestroy(config);
    }
    REQUIRE_FALSE(having.empty());  // install fonts-dejavu-core

    auto strict = make_cascade(SystemFallback::Ignore);
    REQUIRE(strict);
    CHECK(strict->face_for(armenian, Weight::Regular) == -1);

    auto cascade = make_cascade(SystemFallback::Use);
    REQUIRE(cascade);
    const std::size_t bundled = cascade->face_count();
    const int face = cascade->face_for(armenian, Weight::Regular);
    REQUIRE(face >= static_cast<int>(bundled));
    CHECK(having.count(cascade->file_of(face)) == 1);
    CHECK(cascade->face(face).has_glyph(armenian));
    CHECK(missing_glyphs(*cascade, "Աբգ").empty());

    SECTION("the face is loaded once and Chinese still comes from the bundled face") {
        CHECK(cascade->face_for(0x532, Weight::Regular) == face);  // Բ: same font
        CHECK(cascade->face_count() == bundled + 1);
        CHECK(cascade->face_for(U'高', Weight::Regular) == 0);
    }
    SECTION("a code point nobody has is asked about once, and stays missing") {
        CHECK(cascade->face_for(0x10FFFD, Weight::Regular) == -1);
        const std::size_t faces = cascade->face_count();
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < 1000; ++i) CHECK(cascade->face_for(0x10FFFD, Weight::Regular) == -1);
        const auto elapsed = std::chrono::steady_clock::now() - start;
        CHECK(elapsed < std::chrono::milliseconds(50));  // no fontconfig query per call
        CHECK(cascade->face_count() == faces);
    }
    SECTION("a mixed line takes each character from the first face that has it") {
        const Block block = layout_paragraph(*cascade, "亚美尼亚文Ա字母", Style{}, 1000.f);
        REQUIRE(block.lines.size() == 1);
        const Line& line = block.lines[0];
        REQUIRE(line.glyphs.size() == 8);
        CHECK(line.glyphs[5].face == face);
        CHECK(line.glyphs[0].face == 0);
        CHECK(line.face == 0);  // most glyphs
    }
}

TEST_CASE("font files are given as a path or as path#index inside a collection", "[text]") {
    auto library = FtLibrary::create();
    REQUIRE(library);
    auto sc = Face::index_of_family(*library, kSystemCjkRegular, "Noto Sans CJK SC");
    REQUIRE(sc);
    auto face = Face::open(*library, kSystemCjkRegular, *sc);
    REQUIRE(face);
    CHECK((*face)->family() == "Noto Sans CJK SC");

    auto cascade = FontCascade::from_files({std::string(kSystemCjkRegular) + "#" + std::to_string(*sc)}, {},
                                           SystemFallback::Ignore);
    REQUIRE(cascade);
    CHECK(cascade->file_of(0) == kSystemCjkRegular);
    CHECK(cascade->face(0).index() == *sc);
    CHECK(cascade->face_for(U'高', Weight::Bold) == 0);  // no bold files: bold uses regular

    auto missing = FontCascade::from_files({"/nonexistent/font.otf"}, {}, SystemFallback::Ignore);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().find("/nonexistent/font.otf") != std::string::npos);
    CHECK_FALSE(Face::index_of_family(*library, kSystemCjkRegular, "No Such Family"));
}

TEST_CASE("bold text comes from the bold face", "[text]") {
    Style bold;
    bold.weight = Weight::Bold;
    const Block block = layout_paragraph(fonts(), "新城", bold, 500.f);
    REQUIRE(block.lines.size() == 1);
    const int face = block.lines[0].face;
    CHECK(face == fonts().primary_face(Weight::Bold));
    CHECK(face != fonts().primary_face(Weight::Regular));
    CHECK(fonts().file_of(face).find("Bold") != std::string::npos);
}

TEST_CASE("glyphs rasterise to coverage that sits on the baseline inside the advance", "[text]") {
    const Block block = layout_paragraph(fonts(), "国g", Style{Weight::Regular, 40}, 500.f);
    REQUIRE(block.lines.size() == 1);
    REQUIRE(block.lines[0].glyphs.size() == 2);
    const Glyph& han = block.lines[0].glyphs[0];
    const GlyphBitmap bitmap = fonts().face(han.face).rasterize(han.glyph_id, 40);
    CHECK(bitmap.width > 25);
    CHECK(bitmap.width <= 40);
    CHECK(bitmap.height > 25);
    CHECK(bitmap.pitch == bitmap.width);
    CHECK(bitmap.pixels.size() == static_cast<std::size_t>(bitmap.pitch * bitmap.height));
    CHECK(bitmap.left >= 0);
    CHECK(bitmap.left + bitmap.width <= static_cast<int>(std::ceil(han.advance)) + 1);
    CHECK(bitmap.top <= 36);                    // em top 0.88 × 40 = 35.2, plus a pixel of hinting
    CHECK(bitmap.top - bitmap.height >= -6);    // em bottom −0.12 × 40 = −4.8
    int full = 0;
    for (const auto p : bitmap.pixels) full += p == 255;
    CHECK(full > 50);

    const Glyph& latin = block.lines[0].glyphs[1];
    const GlyphBitmap descender = fonts().face(latin.face).rasterize(latin.glyph_id, 40);
    CHECK(descender.top - descender.height < 0);  // g reaches below the baseline

    const GlyphBitmap space = fonts().face(0).rasterize(fonts().face(0).glyph_index(' '), 40);
    CHECK(space.width == 0);
    CHECK(space.pixels.empty());

    const FaceMetrics m = fonts().face(0).metrics(40);
    CHECK(m.em_top == Approx(35.2f));
    CHECK(m.em_bottom == Approx(-4.8f));
    CHECK(m.ascender > m.em_top);
    CHECK(m.descender < m.em_bottom);
}

TEST_CASE("one cascade serves a layout thread and a rasterising thread at once", "[text]") {
    auto cascade = make_cascade(SystemFallback::Use);
    REQUIRE(cascade);
    const FontCascade& shared = *cascade;
    std::vector<std::size_t> lines(2);
    std::thread layout([&] {
        for (int i = 0; i < 20; ++i)
            lines[0] += layout_paragraph(shared, kTitles, body_style(24 + i), 600.f).lines.size();
    });
    std::thread raster([&] {
        const Block block = layout_paragraph(shared, kTulips, body_style(30), 600.f);
        for (int size = 20; size < 60; ++size)
            for (const Glyph& g : block.lines[0].glyphs)
                lines[1] += shared.face(g.face).rasterize(g.glyph_id, size).width > 0;
    });
    layout.join();
    raster.join();
    CHECK(lines[0] > 20);
    CHECK(lines[1] > 0);
    // Same answers as without the other thread.
    CHECK(layout_paragraph(shared, kTitles, body_style(30), 600.f).lines.size() ==
          layout_paragraph(fonts(), kTitles, body_style(30), 600.f).lines.size());
}

TEST_CASE("the columns of a last page are balanced: they end within a line of each other", "[text]") {
    const std::vector<Block> paragraphs = {layout_paragraph(fonts(), kTitles, body_style(30), 400.f),
                                           layout_paragraph(fonts(), kTulips, body_style(30), 400.f)};
    const float tall = 100000.f;
    FlowSpec spec;
    spec.frame_height = [&](std::size_t) { return tall; };
    spec.paragraph_gap = 10;
    const std::vector<Frame> one = flow(paragraphs, spec);
    REQUIRE(one.size() == 1);  // everything in the first column, the second empty
    const int columns = GENERATE(2, 3);
    CAPTURE(columns);
    std::vector<Frame> frames = one;
    frames.resize(static_cast<std::size_t>(columns));
    const std::vector<Frame> balanced = balance(paragraphs, frames, spec.paragraph_gap, tall);
    REQUIRE(balanced.size() == static_cast<std::size_t>(columns));
    std::size_t lines = 0;
    float lowest = 0, highest = tall;
    const float line_h = paragraphs[0].lines[0].height;
    for (const Frame& f : balanced) {
        lines += f.size();
        lowest = std::max(lowest, frame_height(paragraphs, f));
        highest = std::min(highest, frame_height(paragraphs, f));
    }
    CHECK(lines == paragraphs[0].lines.size() + paragraphs[1].lines.size());
    CHECK(lowest - highest <= line_h + spec.paragraph_gap + 0.5f);
    // Reading order is kept.
    std::vector<std::pair<std::size_t, std::size_t>> order;
    for (const Frame& f : balanced)
        for (const PlacedLine& p : f) order.emplace_back(p.paragraph, p.line);
    CHECK(std::is_sorted(order.begin(), order.end()));
}

TEST_CASE("text held to a number of lines is cut between whole characters, with an ellipsis", "[text]") {
    Style style;
    style.size_px = 30;
    const std::string caption(kRejoined);
    SECTION("text that fits is laid out whole, as layout_paragraph() does") {
        const Block whole = layout_paragraph(fonts(), caption, style, 600);
        const Block held = layout_clamped(fonts(), caption, style, 600, static_cast<int>(whole.lines.size()));
        REQUIRE(held.lines.size() == whole.lines.size());
        for (std::size_t i = 0; i < held.lines.size(); ++i) CHECK(held.lines[i].text == whole.lines[i].text);
    }
    SECTION("longer text keeps its longest start that fits the lines, then '…'") {
        for (int lines : {1, 2, 3}) {
            const Block held = layout_clamped(fonts(), caption, style, 600, lines);
            REQUIRE(static_cast<int>(held.lines.size()) == lines);
            std::string text;
            for (const Line& line : held.lines) text += line.text;
            REQUIRE(text.size() > 3);
            CHECK(text.substr(text.size() - 3) == "\u2026");
            CHECK(caption.compare(0, text.size() - 3, text, 0, text.size() - 3) == 0);
            // One more character would not have fitted: the lines are full.
            CHECK(held.lines.back().width > 600 - 3 * 30);
        }
    }
    SECTION("a letter keeps its accents") {
        std::string accented;
        for (int i = 0; i < 200; ++i) accented += "e\u0301\u0323 ";
        const Block held = layout_clamped(fonts(), accented, style, 300, 2);
        REQUIRE(held.lines.size() == 2);
        const std::string& last = held.lines.back().text;
        CHECK(last.substr(last.size() - 3) == "\u2026");
        CHECK(last.substr(last.size() - 5, 2) == "\u0323");  // the accent right before the cut
    }
    SECTION("a tail comes after the '…' whole, and text that fits keeps it as it is") {
        const std::string tail = "  1/2 · 30 s";
        const Block held = layout_clamped(fonts(), caption, style, 600, 1, tail);
        REQUIRE(held.lines.size() == 1);
        const std::string& text = held.lines[0].text;
        REQUIRE(text.size() > tail.size() + 3);
        CHECK(text.substr(text.size() - tail.size() - 3) == "\u2026" + tail);
        CHECK(caption.compare(0, text.size() - tail.size() - 3, text, 0, text.size() - tail.size() - 3) == 0);
        CHECK(held.lines[0].width <= 600.5f);
        CHECK(held.lines[0].width > 600 - 3 * 30);
        const Block short_one = layout_clamped(fonts(), "新城", style, 600, 1, tail);
        REQUIRE(short_one.lines.size() == 1);
        CHECK(short_one.lines[0].text == "新城" + tail);
    }
    CHECK(layout_clamped(fonts(), caption, style, 600, 0).lines.empty());
}

TEST_CASE("a column too tall for its page gives up lines from its least needed text first", "[text]") {
    // caption 10 lines of 50 px, kicker 6 of 40, credit 8 of 30: the credit goes first.
    const std::vector<Share> texts{{10, 50}, {6, 40}, {8, 30}};
    CHECK(lines_to_keep(texts, 0) == std::vector<int>{10, 6, 8});
    CHECK(lines_to_keep(texts, 31) == std::vector<int>{10, 6, 6});   // two credit lines: one is not enough
    CHECK(lines_to_keep(texts, 210) == std::vector<int>{10, 6, 1});  // the credit gives all but one
    CHECK(lines_to_keep(texts, 211) == std::vector<int>{10, 5, 1});  // then the kicker
    CHECK(lines_to_keep(texts, 420) == std::vector<int>{9, 1, 1});   // then the caption
    // More than they can give: each keeps its one line; a text that is not there stays so.
    CHECK(lines_to_keep(texts, 1e6f) == std::vector<int>{1, 1, 1});
    CHECK(lines_to_keep({{0, 0}, {3, 0}}, 1e6f) == std::vector<int>{0, 1});
}
