// How long one long article paragraph takes to lay out: shaping, line breaking and
// justification of ~3,000 characters at 36 px into a 1,700 px column.
//
// Build from the source root (not part of the CMake build; run it by hand):
//   g++ -std=c++17 -O2 -Iplayer tests/bench/layout_bench.cpp player/text/*.cpp player/core/file.cpp
//       $(pkg-config --cflags --libs freetype2 harfbuzz fontconfig icu-uc icu-i18n) -lpthread -o layout_bench
//   NEWSBOARD_FONT_DIR=fonts ./layout_bench
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "text/layout.h"

using namespace nb::text;

int main() {
    auto fonts = FontCascade::create(SystemFallback::Use);
    if (!fonts) {
        std::fprintf(stderr, "%s\n", fonts.error().c_str());
        return 1;
    }
    // Seed sentences with ASCII commas, parentheses and “” quotes, repeated to 3,000 characters.
    const std::string sentence =
        "本报济宁4月7日讯(通讯员 段亚洲) 6日,高新区召开重点工作部署会议。坚持全区“一盘棋”,确保主要指标运行在"
        "合理区间,保持经济平稳运行。蓼河湿地公园17万株绚丽多彩的郁金香争相怒放,吸引来2万余人次前来观赏游玩。";
    std::string paragraph;
    while (std::count_if(paragraph.begin(), paragraph.end(), [](char c) { return (c & 0xC0) != 0x80; }) < 3000)
        paragraph += sentence;
    const auto chars = static_cast<std::size_t>(
        std::count_if(paragraph.begin(), paragraph.end(), [](char c) { return (c & 0xC0) != 0x80; }));

    Style style;
    style.size_px = 36;
    style.align = Align::Justify;
    style.indent = Indent::TwoEm;
    std::vector<double> ms;
    std::size_t lines = 0;
    for (int run = 0; run < 50; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const Block block = layout_paragraph(*fonts, paragraph, style, 1700.f);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        lines = block.lines.size();
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%zu chars, %zu lines: first %.2f ms, median %.2f ms, best %.2f ms\n", chars, lines, ms.back(),
                ms[ms.size() / 2], ms.front());
}
