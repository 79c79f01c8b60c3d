#include "core/error_subject.h"

namespace nb {

std::optional<std::string> after_subject(std::string_view message, std::string_view subject) {
    constexpr std::string_view kSeparator = ": ";
    if (message.size() < subject.size() + kSeparator.size() || message.substr(0, subject.size()) != subject ||
        message.substr(subject.size(), kSeparator.size()) != kSeparator)
        return std::nullopt;
    return std::string(message.substr(subject.size() + kSeparator.size()));
}

}  // namespace nb
