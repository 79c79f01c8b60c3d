// The desk's side of the broker (docs/fleet.md "MQTT"): after each publish, restore or urgent
// notice the desk rings the doorbell of the group it touched, so boards fetch the new edition
// at once instead of at their next poll; it asks boards for screenshots; and it reads their
// retained statuses into the fleet table. Polling stays the source of truth, so a desk without
// a broker, or with a dead one, only costs boards latency: nothing here blocks or fails a
// publish.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "fleet_store.h"
#include "sign/sign.h"

namespace nb::desk {

struct Ring {
    std::string group;  // also the playlist id: the desk publishes public/<group>.json
    std::int64_t edition = 0;
    std::string sha256;   // of the playlist's bytes
    std::string updated;  // the playlist's "updated"
};

class Doorbell {
  public:
    virtual ~Doorbell() = default;
    // Best effort; returns at once whether or not the broker is there.
    virtual void ring(const Ring& ring) = 0;
    // Publishes a screenshot request to the board; false when the broker is not connected.
    virtual bool request_screenshot(const std::string& board, const std::string& request) = 0;
};

struct BrokerOptions {
    std::string url;  // mqtt://HOST[:PORT] or mqtts://HOST[:PORT]; "" none
    std::string user;
    std::string password_file;
    std::string ca_file;  // mqtts: the CA to trust ("" : the system's)
};

struct BrokerAddress {
    bool tls = false;
    std::string host;
    int port = 1883;
};
// Pure: the URL's parts, or what is wrong with it.
Result<BrokerAddress> parse_broker_url(const std::string& url);

// The doorbell payload, signed by the desk key: {"v":1,"group":…,"playlist_id":…,"edition":…,
// "sha256":…,"updated":…,"sig":…}.
std::string doorbell_payload(const Ring& ring, const sign::SecretKey& key);

using StatusSink = std::function<void(const std::vector<fleet::StoredStatus>&)>;

// Without a broker URL a doorbell that does nothing; with one, a libmosquitto client that
// connects (and reconnects) in its own thread. Fails only on a bad password file.
Result<std::unique_ptr<Doorbell>> make_doorbell(const BrokerOptions& options, const sign::SecretKey& key, StatusSink sink);

}  // namespace nb::desk
