#include "playlist/checker.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/utf8.h"

namespace nb::playlist {
namespace {

bool is_identifier(std::string_view key) {
    if (key.empty()) return false;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char c = key[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !(digit && i > 0)) return false;
    }
    return true;
}

// A number as a person would write it: the fewest significant digits that read back as the
// same double (std::to_chars), in %g's notation. nlohmann's dump() gives 1e23, which no double
// holds exactly, as 9.999999999999999e+22. A fraction of zero keeps its ".0", as dump() does.
std::string shortest(double d) {
    char digits[64];
    const auto end = std::to_chars(digits, digits + sizeof digits, d, std::chars_format::scientific).ptr;
    int precision = 0;
    for (const char* p = digits; p < end && *p != 'e'; ++p) precision += *p >= '0' && *p <= '9';
    char out[64];
    std::snprintf(out, sizeof out, "%.*g", std::max(precision, 1), d);
    std::string text = out;
    if (text.find_first_of(".e") == std::string::npos) text += ".0";
    return text;
}

// `value` in compact JSON, as dump() writes it but for numbers (shortest()), and no further
// than `budget` bytes past which the caller cuts anyway.
void write_compact(const Json& value, std::string& out, std::size_t budget) {
    if (value.is_number_float()) {
        out += shortest(value.get<double>());
    } else if (value.is_object() || value.is_array()) {
        const bool object = value.is_object();
        out += object ? '{' : '[';
        bool first = true;
        for (auto it = value.begin(); it != value.end() && out.size() <= budget; ++it) {
            if (!first) out += ',';
            first = false;
            if (object) out += Json(it.key()).dump(-1, ' ', false, Json::error_handler_t::replace) + ':';
            write_compact(it.value(), out, budget);
        }
        out += object ? '}' : ']';
    } else {
        out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
}

std::string prefixed(const Node& n, const std::string& message) {
    return n.path.empty() ? message : n.path + ": " + message;
}

}  // namespace

std::string child_path(const std::string& parent, std::string_view key) {
    if (!is_identifier(key)) return parent + "[" + describe(Json(std::string(key))) + "]";
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string index_path(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

std::string describe(const Json& value) {
    constexpr std::size_t kMaxCodePoints = 40;
    // Containers can be megabytes; only their start is shown, so only their start is dumped.
    std::string text;
    if (value.is_object() && value.size() > 8)
        text = "{…}";
    else if (value.is_array() && value.size() > 8)
        text = "[…]";
    else
        write_compact(value, text, 4 * kMaxCodePoints);
    const std::u32string cps = utf8::decode(text);
    if (cps.size() <= kMaxCodePoints) return text;
    return utf8::encode(std::u32string_view(cps).substr(0, kMaxCodePoints - 1)) + "…";
}

Checker::Checker(std::string file, std::string_view source, Diagnostics& diags)
    : file_(std::move(file)), source_(source), diags_(diags), locator_(source), lines_(file_, source) {}

Node Checker::root(const Json& json) const { return {&json, locator_.root(), ""}; }

std::optional<Node> Checker::member(const Node& object, std::string_view key) const {
    if (!object.json->is_object()) return std::nullopt;
    const auto it = object.json->find(key);
    if (it == object.json->end()) return std::nullopt;
    return Node{&*it, locator_.member(object.ref, key), child_path(object.path, key)};
}

std::vector<Checker::Member> Checker::members(const Node& object) const {
    std::vector<Member> out;
    if (!object.json->is_object()) return out;
    for (const JsonLocator::Ref r : locator_.children(object.ref)) {
        std::string key = locator_.key(r);
        const auto it = object.json->find(key);
        // Every key in the source is in the value; a repeated key points at the kept value.
        if (it == object.json->end()) continue;
        out.push_back({key, Node{&*it, r, child_path(object.path, key)}});
    }
    return out;
}

std::vector<Node> Checker::elements(const Node& array, std::size_t limit) const {
    std::vector<Node> out;
    if (!array.json->is_array()) return out;
    const std::vector<JsonLocator::Ref> refs = locator_.children(array.ref, limit);
    out.reserve(refs.size());
    for (std::size_t i = 0; i < refs.size() && i < array.json->size(); ++i)
        out.push_back({&(*array.json)[i], refs[i], index_path(array.path, i)});
    return out;
}

Location Checker::at(const Node& n) const {
    if (n.ref == JsonLocator::kNone) return {file_, 0, 0};
    return lines_.locate(locator_.value_offset(n.ref));
}

Location Checker::key_at(const Node& n) const {
    if (n.ref == JsonLocator::kNone) return {file_, 0, 0};
    const auto key = locator_.key_offset(n.ref);
    return lines_.locate(key ? *key : locator_.value_offset(n.ref));
}

void Checker::report(Severity severity, Location where, std::string message) {
    if (saturated()) {
        // An error must still make the playlist invalid, even when the warnings filled the space.
        if (severity == Severity::Error && !diags_.has_errors())
            diags_.error(std::move(where), std::move(message));
        else
            ++dropped_;
        return;
    }
    if (severity == Severity::Error)
        diags_.error(std::move(where), std::move(message));
    else
        diags_.warning(std::move(where), std::move(message));
}

void Checker::error(const Node& n, const std::string& message) { report(Severity::Error, at(n), prefixed(n, message)); }
void Checker::warning(const Node& n, const std::string& message) {
    report(Severity::Warning, at(n), prefixed(n, message));
}
void Checker::error_at(Location where, const Node& n, const std::string& message) {
    report(Severity::Error, std::move(where), prefixed(n, message));
}
void Checker::warning_at(Location where, const Node& n, const std::string& message) {
    report(Severity::Warning, std::move(where), prefixed(n, message));
}

}  // namespace nb::playlist
