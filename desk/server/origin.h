// Where a request comes from, as the desk should see it. Behind a TLS proxy (nginx on the
// same host) the socket's peer is the proxy, and the browser's scheme, host and address come
// in X-Forwarded-Proto / X-Forwarded-Host / X-Real-IP — headers anyone can send, so they are
// believed only when the peer is a configured trusted proxy. Pure.
#pragma once

#include <string>
#include <vector>

#include "policy.h"

namespace nb::desk {

struct PeerHeaders {
    std::string peer_address;      // the socket's remote address
    std::string host;              // Host
    std::string origin;            // Origin ("" when absent)
    std::string forwarded_proto;   // X-Forwarded-Proto
    std::string forwarded_host;    // X-Forwarded-Host
    std::string real_ip;           // X-Real-IP
};

struct ClientView {
    std::string scheme;   // "http" or "https"
    std::string host;     // host[:port] the browser used
    std::string address;  // the client's address, for rate limits and the audit log
    bool via_trusted_proxy = false;
    std::string origin() const { return scheme + "://" + host; }
    bool secure() const { return scheme == "https"; }
};

ClientView client_view(const PeerHeaders& h, const std::vector<std::string>& trusted_proxies);

OriginVerdict judge_origin(const PeerHeaders& h, const ClientView& view);

}  // namespace nb::desk
