// The hook for issue 13: after each publish the desk rings a doorbell so boards fetch the new
// edition at once instead of at their next poll. Polling stays the source of truth, so a
// desk without a broker (or with a dead one) only costs boards latency.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace nb::desk {

class Doorbell {
  public:
    virtual ~Doorbell() = default;
    // Called after `group`'s edition `edition` is public; must not block for long.
    virtual void ring(const std::string& group, std::int64_t edition, const std::string& sha256) = 0;
};

// `serve --broker URL`: today a doorbell that only logs that MQTT is not built yet (issue 13
// replaces make_doorbell() with a Mosquitto client); without --broker, one that does nothing.
std::unique_ptr<Doorbell> make_doorbell(const std::string& broker_url);

}  // namespace nb::desk
