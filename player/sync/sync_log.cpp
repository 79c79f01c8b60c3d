#include "sync/sync_log.h"

#include <cctype>
#include <cstring>

namespace nb::sync {
namespace {

// The words that make the number before them a measured quantity.
constexpr const char* kUnits[] = {"ms", "s", "KiB", "MiB", "bytes"};

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// `text` with each measured quantity (digits, perhaps a decimal part, then a space and a unit
// word) replaced by "#".
std::string shape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (!digit(text[i]) || (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) != 0))) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && digit(text[end])) ++end;
        if (end + 1 < text.size() && text[end] == '.' && digit(text[end + 1])) {
            ++end;
            while (end < text.size() && digit(text[end])) ++end;
        }
        bool quantity = false;
        if (end < text.size() && text[end] == ' ') {
            for (const char* unit : kUnits) {
                const std::size_t n = std::strlen(unit), after = end + 1 + n;
                if (text.compare(end + 1, n, unit) == 0 &&
                    (after == text.size() || std::isalpha(static_cast<unsigned char>(text[after])) == 0)) {
                    quantity = true;
                    break;
                }
            }
        }
        out += quantity ? std::string("#") : text.substr(i, end - i);
        i = end;
    }
    return out;
}

}  // namespace

bool same_failure(const std::string& a, const std::string& b) { return shape(a) == shape(b); }

std::vector<std::string> SyncLog::lines(const SyncOutcome& o) {
    std::vector<std::string> out;
    if (o.result == SyncResult::Failed) {
        const bool same = failing_ && same_failure(*failing_, o.error);
        if (same && o.at - logged_at_ < kRemindEvery) {
            ++unlogged_;
            return out;
        }
        std::string line = describe(o);
        if (same)
            line += " (still failing: " + std::to_string(unlogged_ + 1) + " poll" + (unlogged_ == 0 ? "" : "s") +
                    " alike since " + format_timestamp_utc(logged_at_) + ")";
        out.push_back(std::move(line));
        failing_ = o.error;
        logged_at_ = o.at;
        unlogged_ = 0;
    } else {
        const bool recovered = failing_.has_value();
        if (o.result == SyncResult::Unchanged && !recovered) return out;
        std::string line = describe(o);
        if (recovered && unlogged_ > 0)
            line += " (after " + std::to_string(unlogged_) + " more failed poll" + (unlogged_ == 1 ? "" : "s") +
                    " not logged)";
        out.push_back(std::move(line));
        failing_.reset();
        unlogged_ = 0;
    }
    for (const auto& d : o.diagnostics.all()) out.push_back(d.format());
    return out;
}

}  // namespace nb::sync
