#include "fleet/board_request.h"

#include <sodium.h>

#include "sign/fleet_bytes.h"

namespace nb::fleet {
namespace {

// The second line of sign.h's two-line texts: the base64 itself.
std::string base64_line(const std::string& text) {
    const auto a = text.find('\n');
    const auto b = text.find('\n', a + 1);
    return text.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
}

}  // namespace

std::vector<std::string> board_headers(const std::string& board, const sign::SecretKey& key,
                                       const std::string& method, const std::string& path, long long unix_time,
                                       const std::string& body) {
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    char nonce[33];
    sodium_bin2hex(nonce, sizeof nonce, raw, sizeof raw);
    const std::string sig = base64_line(sign::sign(sign::board_request_bytes(method, path, std::to_string(unix_time), nonce, body), key));
    return {"X-Board: " + board, "X-Board-Time: " + std::to_string(unix_time), std::string("X-Board-Nonce: ") + nonce,
            "X-Board-Signature: " + sig};
}

sync::PostRequest desk_post(const std::string& desk, const std::string& path, std::string body,
                            const std::string& content_type, const std::string& board, const sign::SecretKey* key,
                            long long unix_time, std::vector<std::string> extra) {
    std::string base = desk;
    while (!base.empty() && base.back() == '/') base.pop_back();
    sync::PostRequest r;
    r.url = base + path;
    r.max_bytes = 64 * 1024;  // the desk's answer
    r.content_type = content_type;
    if (key) r.headers = board_headers(board, *key, "POST", path, unix_time, body);
    r.headers.insert(r.headers.end(), extra.begin(), extra.end());
    r.body = std::move(body);
    return r;
}

std::string key_base64(const sign::PublicKey& key) {
    return base64_line(key.text());
}

Result<sync::Http> desk_http(const std::string& user_agent, const std::string& ca_file,
                             std::shared_ptr<std::atomic<bool>> cancel) {
    sync::HttpConfig hc;
    hc.user_agent = user_agent;
    hc.ca_file = ca_file;
    hc.cancel = std::move(cancel);
    return sync::Http::create(std::move(hc));
}

}  // namespace nb::fleet
