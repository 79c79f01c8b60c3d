#include "playlist/json_locator.h"

#include "playlist/json_string.h"

namespace nb::playlist {
namespace {

bool ends_token(char c) {
    return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

JsonLocator::JsonLocator(std::string_view text) : text_(text) {
    struct Frame {
        Ref node;
        Ref last_child = kNone;
        bool object;
    };
    std::vector<Frame> stack;
    std::uint32_t pending_key = kNone;
    bool expect_key = false;

    const auto add = [&](std::size_t offset) {
        const Ref r = static_cast<Ref>(nodes_.size());
        nodes_.push_back({pending_key, static_cast<std::uint32_t>(offset), kNone, kNone});
        pending_key = kNone;
        if (!stack.empty()) {
            Frame& f = stack.back();
            if (f.last_child == kNone)
                nodes_[f.node].first_child = r;
            else
                nodes_[f.last_child].next = r;
            f.last_child = r;
        }
        return r;
    };

    std::size_t i = text_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // as the parser, skip a BOM
    while (i < text_.size()) {
        const char c = text_[i];
        switch (c) {
            case '"':
                if (expect_key)
                    pending_key = static_cast<std::uint32_t>(i);
                else
                    add(i);
                expect_key = false;
                i = json_string::end(text_, i);
                break;
            case '{':
            case '[':
                stack.push_back({add(i), kNone, c == '{'});
                expect_key = c == '{';
                ++i;
                break;
            case '}':
            case ']':
                if (!stack.empty()) stack.pop_back();
                expect_key = false;
                ++i;
                break;
            case ',':
                expect_key = !stack.empty() && stack.back().object;
                ++i;
                break;
            case ':':
            case ' ':
            case '\t':
            case '\n':
            case '\r': ++i; break;
            default:  // a number, true, false or null
                add(i);
                while (i < text_.size() && !ends_token(text_[i])) ++i;
                break;
        }
    }
}

std::optional<std::size_t> JsonLocator::key_offset(Ref r) const {
    if (nodes_[r].key == kNone) return std::nullopt;
    return nodes_[r].key;
}

std::string JsonLocator::key(Ref r) const {
    if (nodes_[r].key == kNone) return {};
    return json_string::decode(text_, nodes_[r].key);
}

std::vector<JsonLocator::Ref> JsonLocator::children(Ref r, std::size_t limit) const {
    std::vector<Ref> out;
    if (r == kNone) return out;
    for (Ref c = nodes_[r].first_child; c != kNone && out.size() < limit; c = nodes_[c].next) out.push_back(c);
    return out;
}

JsonLocator::Ref JsonLocator::member(Ref object, std::string_view name) const {
    Ref found = kNone;
    if (object == kNone || text_[nodes_[object].value] != '{') return found;
    for (Ref c = nodes_[object].first_child; c != kNone; c = nodes_[c].next)
        if (json_string::decode(text_, nodes_[c].key) == name) found = c;
    return found;
}

JsonLocator::Ref JsonLocator::find(std::string_view pointer) const {
    Ref r = root();
    while (r != kNone && !pointer.empty()) {
        if (pointer.front() != '/') return kNone;
        pointer.remove_prefix(1);
        const std::size_t slash = pointer.find('/');
        std::string token(pointer.substr(0, slash));
        pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
        for (std::size_t at = 0; (at = token.find("~1", at)) != std::string::npos; ++at) token.replace(at, 2, "/");
        for (std::size_t at = 0; (at = token.find("~0", at)) != std::string::npos; ++at) token.replace(at, 2, "~");
        if (text_[nodes_[r].value] == '{') {
            r = member(r, token);
        } else if (text_[nodes_[r].value] == '[') {
            if (token.empty() || token.size() > 9 || token.find_first_not_of("0123456789") != std::string::npos)
                return kNone;
            std::size_t index = std::stoul(token);
            r = nodes_[r].first_child;
            while (r != kNone && index-- > 0) r = nodes_[r].next;
        } else {
            return kNone;
        }
    }
    return r;
}

}  // namespace nb::playlist
