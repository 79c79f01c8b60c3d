#include "playlist/json_dom.h"

#include <optional>
#include <vector>

#include "playlist/json_string.h"

namespace nb::playlist {
namespace {

// Builds the value the way nlohmann's own DOM parser does, keeping the error position.
class DomBuilder final : public nlohmann::json_sax<Json> {
public:
    Json root;
    std::optional<SyntaxError> error;

    bool null() override { return put(Json(nullptr)); }
    bool boolean(bool v) override { return put(Json(v)); }
    bool number_integer(number_integer_t v) override { return put(Json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return put(Json(v)); }
    bool number_float(number_float_t v, const string_t&) override { return put(Json(v)); }
    bool string(string_t& v) override { return put(Json(std::move(v))); }
    bool binary(binary_t& v) override { return put(Json::binary(std::move(v))); }
    bool start_object(std::size_t) override { return open(Json::object()); }
    bool key(string_t& k) override {
        key_ = std::move(k);
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(Json::array()); }
    bool end_array() override { return close(); }

    bool parse_error(std::size_t position, const std::string& token,
                     const nlohmann::detail::exception& ex) override {
        // `position` counts the characters read, so the offending byte is the one before it;
        // for a number that overflows, point at the number itself.
        std::size_t offset = position > 0 ? position - 1 : 0;
        if (ex.id == 406 && position >= token.size()) offset = position - token.size();
        error = SyntaxError{offset, clean(ex.what())};
        return false;
    }

private:
    static std::string clean(std::string message) {
        // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error …"
        if (const auto bracket = message.find("] "); message.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos)
            message.erase(0, bracket + 2);
        if (message.rfind("parse error", 0) == 0)
            if (const auto colon = message.find(": "); colon != std::string::npos) message.erase(0, colon + 2);
        return message;
    }

    Json* place(Json v) {
        if (stack_.empty()) {
            root = std::move(v);
            return &root;
        }
        Json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        Json& slot = parent[key_];
        slot = std::move(v);
        return &slot;
    }
    bool put(Json v) {
        place(std::move(v));
        return true;
    }
    bool open(Json v) {
        // Safe to keep: a container's ancestors are not modified while it is open.
        stack_.push_back(place(std::move(v)));
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }

    std::vector<Json*> stack_;
    std::string key_;
};

// nlohmann reports an unexpected string at its closing quote; a reader looks for its start.
// Returns the opening quote of the string literal (outside any other) that ends at `offset`.
std::optional<std::size_t> string_ending_at(std::string_view text, std::size_t offset) {
    for (std::size_t i = 0; i < text.size() && i <= offset; ++i) {
        if (text[i] != '"') continue;
        const std::size_t end = json_string::end(text, i);
        if (end == offset + 1) return i;
        i = end - 1;
    }
    return std::nullopt;
}

}  // namespace

std::variant<Json, SyntaxError> parse_json(std::string_view text) {
    DomBuilder builder;
    const bool ok = Json::sax_parse(text.begin(), text.end(), &builder, Json::input_format_t::json,
                                    /*strict=*/true, /*ignore_comments=*/false);
    if (ok && !builder.error) return std::move(builder.root);
    SyntaxError error = builder.error.value_or(SyntaxError{text.size(), "invalid JSON"});
    if (error.offset < text.size() && text[error.offset] == '"')
        if (const auto start = string_ending_at(text, error.offset)) error.offset = *start;
    return error;
}

}  // namespace nb::playlist
