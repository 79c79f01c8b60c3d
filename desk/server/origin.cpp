#include "origin.h"

#include <algorithm>
#include <cctype>

namespace nb::desk {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// A proxy may append to a list ("https, http"); the first hop is nginx's own value.
std::string first_of_list(const std::string& s) {
    auto comma = s.find(',');
    std::string v = s.substr(0, comma);
    auto b = v.find_first_not_of(" \t");
    auto e = v.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : v.substr(b, e - b + 1);
}

}  // namespace

ClientView client_view(const PeerHeaders& h, const std::vector<std::string>& trusted_proxies) {
    ClientView v{"http", lower(h.host), h.peer_address, false};
    bool trusted = std::find(trusted_proxies.begin(), trusted_proxies.end(), h.peer_address) != trusted_proxies.end();
    if (!trusted) return v;
    v.via_trusted_proxy = true;
    std::string proto = lower(first_of_list(h.forwarded_proto));
    if (proto == "https" || proto == "http") v.scheme = proto;
    std::string host = lower(first_of_list(h.forwarded_host));
    if (!host.empty()) v.host = host;
    std::string ip = first_of_list(h.real_ip);
    if (!ip.empty()) v.address = ip;
    return v;
}

OriginVerdict judge_origin(const PeerHeaders& h, const ClientView& view) {
    if (h.origin.empty()) return OriginVerdict::Absent;
    if (view.host.empty()) return OriginVerdict::CrossSite;
    std::string origin = lower(h.origin);
    if (origin == view.origin()) return OriginVerdict::SameSite;
    // A browser leaves out the default port; a Host header may carry it.
    auto strip_default = [](std::string o) {
        for (const char* suffix : {":80", ":443"}) {
            std::string s = suffix;
            bool http80 = s == ":80" && o.rfind("http://", 0) == 0;
            bool https443 = s == ":443" && o.rfind("https://", 0) == 0;
            if ((http80 || https443) && o.size() > s.size() && o.compare(o.size() - s.size(), s.size(), s) == 0) {
                o.resize(o.size() - s.size());
            }
        }
        return o;
    };
    return strip_default(origin) == strip_default(view.origin()) ? OriginVerdict::SameSite : OriginVerdict::CrossSite;
}

}  // namespace nb::desk
