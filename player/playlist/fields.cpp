#include "playlist/fields.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>

#include "core/ids.h"
#include "core/utf8.h"
#include "playlist/json_string.h"
#include "playlist/limits.h"
#include "playlist/suggest.h"

namespace nb::playlist {
namespace {

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

bool contains(const std::vector<std::string_view>& list, std::string_view word) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

std::string location_text(const Location& l) { return std::to_string(l.line) + ":" + std::to_string(l.column); }

}  // namespace

std::string got(const Json& value) { return "got " + describe(value); }

std::string blank_note(const Text& t) {
    return t.value.empty() ? "" : " (it holds only spaces or other invisible characters)";
}

std::optional<Text> read_text(Checker& c, const Node& n, TextRule rule) {
    if (!n.json->is_string()) {
        c.error(n, "expected a string, " + got(*n.json));
        return std::nullopt;
    }
    Text t;
    t.value = n.json->get<std::string>();
    t.where = c.at(n);
    t.source_offset = c.offset(n);

    bool ok = true;
    const std::u32string cps = utf8::decode(t.value);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (!is_control(cps[i]) || (cps[i] == U'\n' && rule.newlines == Newlines::Allowed)) continue;
        // Point at the character itself (or its escape), not at the start of the string.
        Location where = t.where;
        if (const auto at = json_string::code_point_offset(c.source(), t.source_offset, i)) where = c.at_offset(*at);
        std::string what = "control character " + utf8::code_point_name(cps[i]) + " is not allowed";
        if (cps[i] == U'\n') what += " here (line breaks are allowed only inside body paragraphs)";
        c.error_at(where, n, what);
        ok = false;
        break;  // one per string is enough to find the others
    }
    if (cps.size() > rule.max_code_points) {
        c.error(n, std::to_string(cps.size()) + " characters; the limit is " + std::to_string(rule.max_code_points));
        ok = false;
    }
    if (!ok) return std::nullopt;
    return t;
}

std::optional<std::string> read_id(Checker& c, const Node& n) {
    if (!n.json->is_string()) {
        c.error(n, "expected an id string, " + got(*n.json));
        return std::nullopt;
    }
    const std::string id = n.json->get<std::string>();
    if (!ids::is_id(id)) {
        c.error(n, "expected an id of 1 to " + std::to_string(ids::kMaxIdLength) +
                       " letters, digits, '.', '_' or '-', " + got(*n.json));
        return std::nullopt;
    }
    return id;
}

std::optional<Link> read_link(Checker& c, const Node& n) {
    if (!n.json->is_string()) {
        c.error(n, "expected an https:// link, " + got(*n.json));
        return std::nullopt;
    }
    const std::string url = n.json->get<std::string>();
    const std::string_view scheme = "https://";
    const bool https = url.size() > scheme.size() &&
                       std::equal(scheme.begin(), scheme.end(), url.begin(),
                                  [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b); });
    if (!https) {
        c.error(n, "a link must start with https:// (a phone warns before opening anything else), " + got(*n.json));
        return std::nullopt;
    }
    if (url[scheme.size()] == '/' || url[scheme.size()] == '?' || url[scheme.size()] == '#') {
        c.error(n, "a link needs a host after https://, " + got(*n.json));
        return std::nullopt;
    }
    if (url.size() > limits::kMaxLink) {
        c.error(n, "a link has at most " + std::to_string(limits::kMaxLink) + " characters (this has " +
                       std::to_string(url.size()) + "): a longer one makes a QR code too dense to read from a "
                       "metre away; use a short link");
        return std::nullopt;
    }
    for (const char ch : url) {
        if (ch <= ' ' || ch >= 0x7F) {
            c.error(n, "a link must be printable ASCII without spaces (percent-encode other characters), " +
                           got(*n.json));
            return std::nullopt;
        }
    }
    return Link{url, c.at(n), {}};
}

std::optional<Link> read_follow(Checker& c, const Node& n) {
    if (!n.json->is_object()) {
        c.error(n, "expected {\"link\": \"https://…\", \"label\": \"…\"}, " + got(*n.json));
        return std::nullopt;
    }
    check_keys(c, n, {{"link", "label"}});
    const auto link = c.member(n, "link");
    if (!link) {
        c.error(n, "missing \"link\" (the https:// address of the paper's account)");
        return std::nullopt;
    }
    auto out = read_link(c, *link);
    if (const auto label = c.member(n, "label")) {
        auto t = read_text(c, *label, {limits::kMaxLinkLabel});
        if (!t) return std::nullopt;
        if (out) out->label = std::move(*t);
    }
    return out;
}

std::optional<Focus> read_focus(Checker& c, const Node& n) {
    static const char* const kShape = "{\"x\": 0..1, \"y\": 0..1} (fractions of the width and height from the top left)";
    if (!n.json->is_object()) {
        c.error(n, std::string("expected a focal point ") + kShape + ", " + got(*n.json));
        return std::nullopt;
    }
    check_keys(c, n, {{"x", "y"}});
    Focus out;
    bool ok = true;
    for (const char* axis : {"x", "y"}) {
        const auto v = c.member(n, axis);
        if (!v) {
            c.error(n, std::string("missing \"") + axis + "\" (a focal point is " + kShape + ")");
            ok = false;
            continue;
        }
        const bool number = v->json->is_number();
        const double d = number ? v->json->get<double>() : -1;
        if (!number || !(d >= 0 && d <= 1)) {
            c.error(*v, std::string("expected a fraction from 0 to 1, ") + got(*v->json));
            ok = false;
            continue;
        }
        (axis[0] == 'x' ? out.x : out.y) = static_cast<float>(d);
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<std::int64_t> integer_value(const Json& value) {
    if (value.is_number_unsigned())
        return value.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)
                   ? std::optional<std::int64_t>(value.get<std::int64_t>())
                   : std::nullopt;
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (!value.is_number_float()) return std::nullopt;
    const double d = value.get<double>();
    // [-2^63, 2^63): every double in it converts exactly; NaN and the infinities fail both tests.
    constexpr double kLimit = 9223372036854775808.0;
    if (!(d >= -kLimit && d < kLimit) || d != std::floor(d)) return std::nullopt;
    return static_cast<std::int64_t>(d);
}

std::optional<int> read_duration(Checker& c, const Node& n) {
    if (!n.json->is_number() || !(n.json->get<double>() > 0)) {
        c.error(n, "expected a positive number, " + got(*n.json));
        return std::nullopt;
    }
    const auto v = integer_value(*n.json);
    if (!v || *v < limits::kMinDuration_s || *v > limits::kMaxDuration_s) {
        c.error(n, "expected a whole number of seconds from " + std::to_string(limits::kMinDuration_s) + " to " +
                       std::to_string(limits::kMaxDuration_s) + ", " + got(*n.json));
        return std::nullopt;
    }
    return static_cast<int>(*v);
}

std::string quoted_list(const std::vector<std::string_view>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
        out += '"' + std::string(names[i]) + '"';
    }
    return out;
}

std::optional<std::size_t> read_choice(Checker& c, const Node& n, const std::vector<std::string_view>& names) {
    if (n.json->is_string()) {
        const std::string value = n.json->get<std::string>();
        const auto it = std::find(names.begin(), names.end(), value);
        if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
        std::string message = "expected " + quoted_list(names) + ", " + got(*n.json);
        if (const auto near = closest(value, names)) message += "; did you mean \"" + std::string(*near) + "\"?";
        c.error(n, message);
        return std::nullopt;
    }
    c.error(n, "expected " + quoted_list(names) + ", " + got(*n.json));
    return std::nullopt;
}

void check_keys(Checker& c, const Node& object, const KeyRules& rules) {
    std::map<std::string, Location> seen;
    for (const auto& [key, node] : c.members(object)) {
        if (c.saturated()) break;
        const Location where = c.key_at(node);
        const std::string shown = describe(Json(key));
        if (const auto first = seen.find(key); first != seen.end()) {
            c.warning_at(where, object, "duplicate key " + shown + " (also at " + location_text(first->second) +
                                            "); only this last one counts");
            continue;
        }
        seen.emplace(key, where);
        if (contains(rules.allowed, key)) continue;
        if (contains(rules.elsewhere, key)) {
            c.warning_at(where, object, "key " + shown + " is not used by " + rules.owner);
            continue;
        }
        std::string message = "unknown key " + shown;
        if (const auto near = closest(key, rules.allowed)) message += "; did you mean \"" + std::string(*near) + "\"?";
        c.warning_at(where, object, message);
    }
}

}  // namespace nb::playlist
