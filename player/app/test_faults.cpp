#include "app/test_faults.h"

#include <cstdlib>
#include <string>

namespace nb::app {

Status apply_test_faults(show::LoopConfig& config) {
    const char* text = std::getenv("NEWSBOARD_TEST_PREPARE");
    if (!text || !*text) return success();
    const std::string value = text;
    const auto colon = value.find(':');
    const std::string kind = value.substr(0, colon);
    if (kind == "throw")
        config.prepare_fault.kind = show::PrepareFault::Kind::Throw;
    else if (kind == "hang")
        config.prepare_fault.kind = show::PrepareFault::Kind::Hang;
    else if (kind == "abort")
        config.prepare_fault.kind = show::PrepareFault::Kind::Abort;
    else
        return fail("NEWSBOARD_TEST_PREPARE: expected throw[:ITEM], hang[:ITEM] or abort[:ITEM], got \"" + value +
                    "\"");
    if (colon != std::string::npos) config.prepare_fault.item_id = value.substr(colon + 1);
    return success();
}

bool test_sync_hangs() {
    const char* text = std::getenv("NEWSBOARD_TEST_SYNC");
    return text && std::string(text) == "hang";
}

}  // namespace nb::app
