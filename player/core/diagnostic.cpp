#include "core/diagnostic.h"

#include <algorithm>
#include <cstdio>

namespace nb {

std::string Diagnostic::format() const {
    std::string out = where.path.empty() ? std::string("newsboard") : where.path;
    if (where.line > 0) {
        out += ':' + std::to_string(where.line);
        if (where.column > 0) out += ':' + std::to_string(where.column);
    }
    out += severity == Severity::Error ? ": error: " : ": warning: ";
    out += message;
    return out;
}

void Diagnostics::error(Location where, std::string message) {
    items_.push_back({Severity::Error, std::move(where), std::move(message)});
}

void Diagnostics::warning(Location where, std::string message) {
    items_.push_back({Severity::Warning, std::move(where), std::move(message)});
}

void Diagnostics::add(Diagnostic d) { items_.push_back(std::move(d)); }

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::Error;
    }));
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

void Diagnostics::print() const {
    for (const auto& d : items_) std::fprintf(stderr, "%s\n", d.format().c_str());
}

}  // namespace nb
