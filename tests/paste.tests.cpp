// Paste a page: a press-system dump in, draft items and the list of changes out. The seed page
// must give the demo playlist's text; invented pages in other papers' shapes must come out as
// a sub-editor would cut them; every change must be listed and each one can be turned down.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/file.h"
#include "core/utf8.h"
#include "paste.h"
#include "paste_json.h"
#include "punctuation.h"
#include "recognise.h"
#include "source.h"

using namespace nb;
using namespace nb::paste;

namespace {

std::string data(const std::string& name) {
    return file::read(std::string(NEWSBOARD_TEST_DATA) + "/paste/" + name, 1 << 20).value();
}

Page pasted(const std::string& text, const std::set<std::string>& rejected = {}) {
    auto page = paste::paste(text, rejected);
    REQUIRE(page);
    return std::move(page).value();
}

std::set<std::string> ids_of(const Page& page, ChangeKind kind) {
    std::set<std::string> ids;
    for (const Change& c : page.changes)
        if (c.kind == kind) ids.insert(c.id);
    return ids;
}

std::string one_line(const std::string& line) {
    std::u32string s = utf8::decode(line);
    std::u32string out;
    std::size_t pos = 0;
    for (const Edit& e : punctuation_edits(s)) {
        out += s.substr(pos, e.begin - pos);
        out += e.replacement;
        pos = e.end;
    }
    out += s.substr(pos);
    return utf8::encode(out);
}

std::vector<std::string> body_of(const nlohmann::json& item) {
    return item.at("body").get<std::vector<std::string>>();
}

}  // namespace

TEST_CASE("the seed page pasted with its punctuation kept is the demo playlist's text", "[paste]") {
    const Page first = pasted(data("seed-p03.txt"));
    const Page page = pasted(data("seed-p03.txt"), ids_of(first, ChangeKind::Punctuation));
    const auto demo = nlohmann::json::parse(
        file::read(std::string(NEWSBOARD_SOURCE_DIR) + "/playlists/jining-gaoxin-p03.json", 1 << 22).value());
    const auto& want = demo.at("items");
    REQUIRE(page.items.size() == 3);  // the footer's boxes are leftovers, not items

    const Item& meeting = page.items[0];
    CHECK(meeting.kind == ItemKind::Article);
    CHECK(meeting.kicker == want[0].at("kicker"));  // the page's name, from "03 新城"
    CHECK(meeting.headline == want[0].at("headline"));
    CHECK(meeting.subhead == want[0].at("subhead"));
    CHECK(meeting.byline == want[0].at("byline"));
    CHECK(meeting.body == body_of(want[0]));

    const Item& tulips = page.items[1];
    CHECK(tulips.kind == ItemKind::Photo);
    CHECK(tulips.headline == want[1].at("headline"));
    CHECK(tulips.caption == want[1].at("caption"));
    CHECK(tulips.credit == want[1].at("credit"));

    const Item& shuangji = page.items[2];
    CHECK(shuangji.kicker == want[2].at("kicker"));
    CHECK(shuangji.headline == want[2].at("headline"));
    CHECK(shuangji.subhead.empty());
    CHECK(shuangji.byline == want[2].at("byline"));
    CHECK(shuangji.body == body_of(want[2]));

    CHECK(page.section == "新城");
    std::vector<std::string> leftovers;
    for (const Leftover& l : page.leftovers) leftovers.push_back(l.text);
    CHECK(leftovers == std::vector<std::string>{"03 新城", "济宁高新电视", "欢迎关注", "《蓼河先声》微信公众号",
                                                "济宁高新区微信公众号", "《蓼河畔》杂志", "高新区微博",
                                                "欢迎关注济宁高新区融媒矩阵", "融媒体新闻热线:6557709"});
}

TEST_CASE("the seed page with every change accepted is joined and full-width", "[paste]") {
    const Page page = pasted(data("seed-p03.txt"));
    REQUIRE(page.items.size() == 3);
    const Item& meeting = page.items[0];
    CHECK(meeting.byline == "本报济宁4月7日讯（通讯员 段亚洲）");
    CHECK(meeting.body.at(0).rfind("6日，高新区召开重点工作部署会议。", 0) == 0);
    CHECK(meeting.body.at(1).find("不断增强主业意识、风险意识，持续强化执行力，") != std::string::npos);
    CHECK(page.items[2].kicker == "济宁高新区强化党建统领，多方向发力");
    CHECK(page.items[2].body.at(2).find("《关于印发〈2019年度高新区基层党建工作考核实施办法〉的通知》") !=
          std::string::npos);
    for (const Item& item : page.items) {
        for (const std::string& p : item.body) {
            CAPTURE(p);
            CHECK(p.find(',') == std::string::npos);
            CHECK(p.find('(') == std::string::npos);
        }
    }

    SECTION("the six column breaks are six joins, each shown where it was made") {
        std::vector<Change> joins;
        for (const Change& c : page.changes)
            if (c.kind == ChangeKind::Join) joins.push_back(c);
        REQUIRE(joins.size() == 6);
        CHECK(joins[0].line == 9);
        CHECK(joins[0].before == "\n\n");
        CHECK(joins[0].after.empty());
        CHECK(joins[0].context_before == "立大局意识,不断");
        CHECK(joins[0].context_after == "增强主业意识、风");
        CHECK(joins[0].at == "items[0].body[1]");
        CHECK(joins[5].at == "items[2].body[2]");
    }
    SECTION("a punctuation change says what, where and in which field") {
        const Change* comma = nullptr;
        for (const Change& c : page.changes)
            if (!comma && c.kind == ChangeKind::Punctuation && c.line == 7 && c.before == ",") comma = &c;
        REQUIRE(comma);
        CHECK(comma->after == "，");
        CHECK(comma->context_before == " 段亚洲) 6日");
        CHECK(comma->at == "items[0].body[0]");
        CHECK(comma->column == 22);
    }
    SECTION("the byline split and the page's name are changes too") {
        CHECK(ids_of(page, ChangeKind::Byline).size() == 2);
        REQUIRE(ids_of(page, ChangeKind::Section).size() == 1);
    }
}

TEST_CASE("turning a change down undoes only that change, and ids do not move", "[paste]") {
    const std::string seed = data("seed-p03.txt");
    const Page all = pasted(seed);
    std::string first_join;
    for (const Change& c : all.changes)
        if (first_join.empty() && c.kind == ChangeKind::Join) first_join = c.id;
    const std::string section = *ids_of(all, ChangeKind::Section).begin();
    const Page some = pasted(seed, {first_join, section, "no-such-change"});

    std::vector<std::string> ids_all, ids_some;
    for (const Change& c : all.changes) ids_all.push_back(c.id);
    for (const Change& c : some.changes) {
        ids_some.push_back(c.id);
        CHECK(c.accepted == (c.id != first_join && c.id != section));
    }
    CHECK(ids_all == ids_some);
    CHECK(some.items[0].kicker.empty());
    CHECK(some.items[0].body.size() == all.items[0].body.size() + 1);
    CHECK(some.items[0].body[1].size() + some.items[0].body[2].size() == all.items[0].body[1].size());
}

TEST_CASE("ASCII punctuation between Chinese characters becomes full-width; other text keeps it", "[paste]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"6日, 高新区召开会议", "6日，高新区召开会议"},
        {"会议指出,要认清形势;加强领导:落实责任", "会议指出，要认清形势；加强领导：落实责任"},
        {"真的吗?好!", "真的吗？好！"},
        {"融媒体新闻热线:6557709", "融媒体新闻热线：6557709"},
        {"时间:10:30开始", "时间：10:30开始"},
        {"共1,000人参加", "共1,000人参加"},
        {"Hello, world", "Hello, world"},
        {"f(x) = x, y", "f(x) = x, y"},
        {"本报济宁4月7日讯(通讯员 段亚洲) 6日", "本报济宁4月7日讯（通讯员 段亚洲） 6日"},
        {"本报讯 (记者 张三) 今天", "本报讯（记者 张三）今天"},
        {"目标(包括增长5%左右)符合实际", "目标（包括增长5%左右）符合实际"},
        {"高新区(GDP)增长", "高新区（GDP）增长"},
        {"《关于印发<2019年度办法>的通知》", "《关于印发〈2019年度办法〉的通知》"},
        {"if a<b and c>d", "if a<b and c>d"},
        {"他说\"你好\"就走了", "他说“你好”就走了"},
        {"增长3.5个百分点", "增长3.5个百分点"},
        {"会议结束.", "会议结束。"},
        {"网址:http://example.org", "网址：http://example.org"},
        {"等待...", "等待..."},
        {"全区“一盘棋”,确保", "全区“一盘棋”，确保"},
    }));
    CAPTURE(input);
    CHECK(one_line(input) == expected);
}

TEST_CASE("lines are recognised by what they say", "[paste]") {
    auto [line, kind] = GENERATE(table<std::string, LineKind>({
        {"03 新城", LineKind::Folio},
        {"第2版：要闻", LineKind::Folio},
        {"A3 经济", LineKind::Folio},
        {"责任编辑：赵六  美术编辑：钱七", LineKind::Furniture},
        {"2024年3月6日 星期三", LineKind::Furniture},
        {"（下转第4版）", LineKind::Furniture},
        {"本报记者 孔茜 通讯员 臧盛博 摄", LineKind::Credit},
        {"图/本报记者 吴十", LineKind::Credit},
        {"(张三 摄)", LineKind::Credit},
        {"本报记者 王博文 通讯员 刘艳杰 高先悦", LineKind::Byline},
        {"□记者王五", LineKind::Byline},
        {"（记者 张三）", LineKind::Byline},
        {"本报济宁4月7日讯(通讯员 段亚洲) 6日,高新区召开重点工作部署会议。", LineKind::BylineLead},
        {"新华社北京3月5日电（记者 张三）5日上午，大会开幕。", LineKind::BylineLead},
        {"济宁高新区召开重点工作部署会议", LineKind::Short},
        {"春天来了！", LineKind::Short},
        {"会上还讨论并安排了其他相关工作。", LineKind::Body},
        {"17万株郁金香争相怒放", LineKind::Short},
        {"他们在湿地公园里拍摄", LineKind::Short},
    }));
    CAPTURE(line);
    CHECK(recognise(utf8::decode(line)).kind == kind);
}

TEST_CASE("an agency page: CR LF, indents, three title lines, editors' lines and a jump line", "[paste]") {
    const Page page = pasted(data("xinhua-p02.txt"));
    REQUIRE(page.items.size() == 1);
    const Item& a = page.items[0];
    CHECK(a.kicker == "聚焦全国两会");
    CHECK(a.headline == "代表委员热议新质生产力");
    CHECK(a.subhead == "——“发展是第一要务”");
    CHECK(a.byline == "新华社北京3月5日电（记者 张三 李四）");
    CHECK(a.body == std::vector<std::string>{
                        "5日上午，十四届全国人大二次会议在人民大会堂开幕。代表委员们表示，要因地制宜发展新质生产力，推动高质量发展。",
                        "“科技创新是发展新质生产力的核心要素。”来自山东的代表说，要加快关键核心技术攻关。",
                        "委员们认为，今年的目标任务（包括经济增长5%左右）符合实际。"});
    CHECK(page.section == "要闻");
    REQUIRE(page.leftovers.size() == 4);
    CHECK(page.leftovers[0].kind == LeftoverKind::Furniture);
    CHECK(page.leftovers[1].kind == LeftoverKind::Folio);
    CHECK(page.leftovers[3].text == "（下转第4版）");
    CHECK(ids_of(page, ChangeKind::Section).empty());  // the article has its own kicker
}

TEST_CASE("a county page: whole-line bylines, two articles and a photo with a 图/ credit", "[paste]") {
    const Page page = pasted(data("county-p04.txt"));
    REQUIRE(page.items.size() == 3);
    CHECK(page.items[0].headline == "老旧小区加装电梯");
    CHECK(page.items[0].kicker == "民生");
    CHECK(page.items[0].byline == "本报记者 王五");
    CHECK(page.items[0].body == std::vector<std::string>{
                                    "今年以来，我县已为12个老旧小区加装电梯36部，惠及居民1500余户。下一步，县住建局将继续推进这项工作，力争年底前再完成20部。"});
    CHECK(page.items[1].headline == "社区食堂开张");
    CHECK(page.items[1].byline == "本报通讯员 孙八 实习生 周九");
    CHECK(page.items[1].body.size() == 1);
    CHECK(page.items[2].kind == ItemKind::Photo);
    CHECK(page.items[2].headline == "春到田间");
    CHECK(page.items[2].caption == "麦田里，农民们正忙着浇灌返青水。");
    CHECK(page.items[2].credit == "图/本报记者 吴十");
}

TEST_CASE("a feature page: an orphan paragraph, a three-way break, intertitles and Latin words", "[paste]") {
    const Page page = pasted(data("feature-p07.txt"));
    REQUIRE(page.items.size() == 2);
    CHECK(page.items[0].headline.empty());  // continued from page 1: staff give it a headline
    CHECK(page.items[0].body.size() == 1);
    const Item& a = page.items[1];
    CHECK(a.headline == "数字乡村调查");
    CHECK(a.byline == "本报讯（记者 郑十一）");
    REQUIRE(a.body.size() == 5);
    CHECK(a.body[0] ==
          "近年来，我市大力推进数字乡村建设，宽带网络实现行政村全覆盖，电商服务站点遍布各镇，农产品通过网络卖到全国各地，群众增收渠道不断拓宽。");
    CHECK(a.body[1] == "一、基础设施持续完善");
    CHECK(a.body[2].find("推广the Internet of Things技术，") != std::string::npos);
    CHECK(a.body[3] == "二、人才队伍不断壮大");
    CHECK(a.body[4] == "全市已培训新型职业农民1.2万人次，时间安排在每周三14:30开始。");
    REQUIRE(page.leftovers.size() == 1);
    CHECK(page.leftovers[0].text == "上接第1版");
}

TEST_CASE("a paste that is not text is refused with a reason; odd text never fails", "[paste]") {
    CHECK_FALSE(paste::paste("\xff\xfe"));
    CHECK(paste::paste("\xff\xfe").error().find("not UTF-8 (byte 0)") != std::string::npos);
    CHECK_FALSE(paste::paste(std::string(paste::kMaxPasteBytes + 1, 'a')));
    for (const std::string& odd : std::vector<std::string>{"", "\n\n\n", "。", ",,,,", "((((", "本报讯(", "摄", "03", "\x01\x02 标题\x07",
                                  "\r\r\r正文。\r", std::string(5000, ',') + "中"}) {
        CAPTURE(odd);
        CHECK(paste::paste(odd));
    }
}

TEST_CASE("the API answer is playlist items, changes with ids, and located request errors", "[paste]") {
    auto reply = answer({{"text", data("county-p04.txt")}});
    REQUIRE(std::holds_alternative<nlohmann::json>(reply));
    const auto& j = std::get<nlohmann::json>(reply);
    CHECK(j.at("items").at(0).at("id") == "paste-1");
    CHECK(j.at("items").at(0).at("type") == "article");
    CHECK(j.at("items").at(2).at("type") == "photo");
    CHECK_FALSE(j.at("items").at(2).contains("image"));
    CHECK(j.at("changes").at(0).at("kind") == "section");
    CHECK(j.at("lines") == nlohmann::json::array({5, 15, 21}));

    auto bad = answer({{"text", "x"}, {"reject", {"join@1", 5}}});
    REQUIRE(std::holds_alternative<RequestError>(bad));
    CHECK(std::get<RequestError>(bad).at == "reject[1]");
    CHECK(std::get<RequestError>(answer({{"txt", "x"}})).at == "text");
}
