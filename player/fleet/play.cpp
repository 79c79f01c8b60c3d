#include "fleet/play.h"

#include <sodium.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/json_text.h"

namespace nb::fleet {

std::string play_line(const Play& p) {
    std::string line = json_text::dump(nlohmann::json{{"uuid", p.uuid},
                                                      {"board", p.board},
                                                      {"item", p.item},
                                                      {"playlist", p.playlist},
                                                      {"sha256", p.sha256},
                                                      {"start", p.start},
                                                      {"duration_ms", p.duration_ms}},
                                       -1);
    line.pop_back();  // dump()'s newline
    return line;
}

std::optional<Play> parse_play_line(const std::string& line) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    Play p;
    for (auto [key, field] : {std::pair<const char*, std::string*>{"uuid", &p.uuid},
                              {"board", &p.board},
                              {"item", &p.item},
                              {"playlist", &p.playlist},
                              {"sha256", &p.sha256},
                              {"start", &p.start}}) {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_string()) return std::nullopt;
        *field = it->get<std::string>();
    }
    const auto d = j.find("duration_ms");
    if (d == j.end() || !d->is_number_integer() || p.uuid.size() != 36) return std::nullopt;
    p.duration_ms = d->get<long long>();
    return p;
}

std::string uuid4() {
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // the RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}

}  // namespace nb::fleet
