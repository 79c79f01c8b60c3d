// Which DRM card drives a connected display, read from sysfs. SDL 2.26's KMSDRM opens the first
// /dev/dri/card* that has any connector at all, connected or not: on a Pi 4/5 with vc4 that can
// be the card of the unused writeback connector, or a card the firmware left without a panel,
// and the player then shows nothing. Reading /sys/class/drm/cardN-CONNECTOR/status ourselves
// lets the kiosk name the right card (SDL_HINT_KMSDRM_DEVICE_INDEX), wait while no display is
// connected, and notice a replugged one. Pure file reading: tests point `root` at a fake tree.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nb::platform {

struct DrmConnector {
    int card = 0;        // N of /dev/dri/cardN
    std::string name;    // "HDMI-A-1"
    std::string status;  // "connected", "disconnected" or "unknown", as the kernel says
};

struct DrmOutputs {
    std::vector<DrmConnector> connectors;  // sorted by card, then name; no Writeback-*

    // The lowest card with a connected connector; nothing when no display is connected.
    std::optional<int> connected_card() const;
    // "card0-HDMI-A-1=connected card0-HDMI-A-2=disconnected": equal strings, same outputs.
    std::string fingerprint() const;
    // For logs: "card1-HDMI-A-1 disconnected, card1-HDMI-A-2 disconnected", or "no DRM
    // connectors" (the GPU driver has not come up yet).
    std::string describe() const;
};

// Reads `root` (a /sys/class/drm). A missing or unreadable root gives no connectors.
DrmOutputs scan_drm_outputs(const std::string& root = "/sys/class/drm");

}  // namespace nb::platform
