// A board's signed request to the desk (docs/fleet.md, "Identity"): the X-Board headers over
// sign/fleet_bytes.h's board_request_bytes (the desk checks the same bytes). PATH is the
// desk's API path ("/api/fleet/plays"), whatever prefix --desk has.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "sign/sign.h"
#include "sync/http.h"

namespace nb::fleet {

// The four header lines ("X-Board: b1", …) with a fresh nonce.
std::vector<std::string> board_headers(const std::string& board, const sign::SecretKey& key,
                                       const std::string& method, const std::string& path, long long unix_time,
                                       const std::string& body);

// A POST to the desk at `desk` (http(s)://HOST[:PORT][/prefix]) + `path`, signed by the board
// when `key` is given (the enrolment is not), with `extra` header lines after the X-Board ones.
sync::PostRequest desk_post(const std::string& desk, const std::string& path, std::string body,
                            const std::string& content_type, const std::string& board, const sign::SecretKey* key,
                            long long unix_time, std::vector<std::string> extra = {});

// The HTTP client a board's thread talks to the desk with (proof of play, screenshots): one per
// thread, kept for its life, so its connection to the desk is reused. `cancel` stops a transfer
// in progress at shutdown.
Result<sync::Http> desk_http(const std::string& user_agent, const std::string& ca_file,
                             std::shared_ptr<std::atomic<bool>> cancel);

// The base64 of a public key, as the enrolment sends it.
std::string key_base64(const sign::PublicKey& key);

}  // namespace nb::fleet
