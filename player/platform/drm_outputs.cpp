#include "platform/drm_outputs.h"

#include <dirent.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>

namespace nb::platform {
namespace {

struct DirCloser {
    void operator()(DIR* d) const { closedir(d); }
};

// "card1-HDMI-A-1" → card 1, connector "HDMI-A-1"; anything else (card1, renderD128, version)
// is not a connector.
bool split_entry(const std::string& entry, int& card, std::string& connector) {
    if (entry.rfind("card", 0) != 0) return false;
    std::size_t i = 4;
    while (i < entry.size() && entry[i] >= '0' && entry[i] <= '9') ++i;
    if (i == 4 || i > 9 || i + 1 >= entry.size() || entry[i] != '-') return false;
    card = std::atoi(entry.substr(4, i - 4).c_str());
    connector = entry.substr(i + 1);
    return true;
}

}  // namespace

std::optional<int> DrmOutputs::connected_card() const {
    for (const auto& c : connectors)
        if (c.status == "connected") return c.card;
    return std::nullopt;
}

std::string DrmOutputs::fingerprint() const {
    std::string s;
    for (const auto& c : connectors)
        s += (s.empty() ? "" : " ") + ("card" + std::to_string(c.card) + "-" + c.name + "=" + c.status);
    return s;
}

std::string DrmOutputs::describe() const {
    if (connectors.empty()) return "no DRM connectors (the GPU driver has not come up)";
    std::string s;
    for (const auto& c : connectors)
        s += (s.empty() ? "" : ", ") + ("card" + std::to_string(c.card) + "-" + c.name + " " + c.status);
    return s;
}

DrmOutputs scan_drm_outputs(const std::string& root) {
    DrmOutputs out;
    std::unique_ptr<DIR, DirCloser> dir(opendir(root.c_str()));
    if (!dir) return out;
    while (const dirent* e = readdir(dir.get())) {
        DrmConnector c;
        if (!split_entry(e->d_name, c.card, c.name)) continue;
        // A writeback connector is "connected" with no display behind it.
        if (c.name.rfind("Writeback", 0) == 0) continue;
        std::ifstream in(root + "/" + e->d_name + "/status");
        if (!in || !std::getline(in, c.status)) continue;
        while (!c.status.empty() && (c.status.back() == '\n' || c.status.back() == ' ')) c.status.pop_back();
        out.connectors.push_back(std::move(c));
    }
    std::sort(out.connectors.begin(), out.connectors.end(), [](const DrmConnector& a, const DrmConnector& b) {
        return a.card != b.card ? a.card < b.card : a.name < b.name;
    });
    return out;
}

}  // namespace nb::platform
