// The board's retained MQTT status and its last will (docs/fleet.md, "Status"), as pure data:
// built from the frame loop's status (what is ON SCREEN) and a few facts about the machine.
#pragma once

#include <optional>
#include <string>

#include "core/time.h"
#include "show/showing.h"
#include "show/status.h"

namespace nb::fleet {

struct MachineFacts {
    long long uptime_s = 0;
    unsigned long long cache_free_bytes = 0;
    std::optional<double> cpu_temp_c;
};

struct StatusMessage {
    std::string payload;  // the JSON published
    std::string key;      // the same without the fields that move by themselves (time, uptime, …):
                          // a new key is a change worth publishing at once
};

StatusMessage status_message(const std::string& board, const std::string& group, const std::string& version,
                             const show::Showing& s, const std::optional<show::SyncReport>& sync,
                             const MachineFacts& m, TimePoint at);

// The last will, and what a clean exit publishes: {"v":1,"board":ID,"online":false}.
std::string offline_payload(const std::string& board);

std::string status_topic(const std::string& board);
std::string doorbell_topic(const std::string& group);
std::string screenshot_topic(const std::string& board);

}  // namespace nb::fleet
