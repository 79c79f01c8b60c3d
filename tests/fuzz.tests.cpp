// Every input the fuzzers ever broke the player with (tests/data/fuzz/TARGET/), and the
// hand-made seeds (tests/fuzz/seeds/TARGET/), run through the fuzz targets' own entry
// functions: a crash, a sanitizer report or a broken promise fails here too.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/file.h"
#include "entries.h"

namespace {

namespace fs = std::filesystem;
using Entry = std::string (*)(std::string_view);

const std::map<std::string, Entry> kEntries = {
    {"playlist", nb::fuzz::playlist_entry},
    {"layout", nb::fuzz::layout_entry},
    {"image", nb::fuzz::image_entry},
    {"cache", nb::fuzz::cache_entry},
};

std::vector<fs::path> inputs_in(const fs::path& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec))
        if (entry.is_regular_file() && entry.path().extension() != ".md") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::size_t replay(const fs::path& root) {
    std::size_t count = 0;
    for (const auto& [target, entry] : kEntries) {
        for (const fs::path& input : inputs_in(root / target)) {
            auto bytes = nb::file::read(input.string(), 1 << 20);
            REQUIRE(bytes);
            INFO(input.string());
            CHECK(entry(*bytes) == "");
            ++count;
        }
    }
    return count;
}

}  // namespace

TEST_CASE("every input a fuzzer found a bug with runs clean now", "[fuzz]") {
    const std::size_t replayed = replay(fs::path(NEWSBOARD_TEST_DATA) / "fuzz");
    SUCCEED(std::to_string(replayed) + " saved inputs replayed");
}

TEST_CASE("the fuzz seeds run through every target's checks", "[fuzz]") {
    CHECK(replay(fs::path(NEWSBOARD_SOURCE_DIR) / "tests/fuzz/seeds") >= 20);
}
