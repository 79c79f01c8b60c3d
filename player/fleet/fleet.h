// The board's side of the fleet (docs/fleet.md): the MQTT doorbell that makes the sync thread
// sync now, and the retained status with its last will. Runs on its own thread; the frame
// loop only hands it each new status (observe(), cheap). Optional: a board without --broker
// never makes one, and behaves as before.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "fleet/doorbell.h"
#include "fleet/mqtt.h"
#include "fleet/status_message.h"
#include "show/showing.h"
#include "show/status.h"
#include "sign/sign.h"
#include "sync/revalidation.h"

namespace nb::fleet {

struct FleetConfig {
    std::string broker_url;  // mqtt:// or mqtts://
    std::string broker_user, broker_password;
    std::string ca_file;
    std::string board_id;  // required: the status topic
    std::string group;     // the doorbell's group; empty: no doorbell
    std::string playlist_id;  // the one this board takes (--playlist-id); empty: the held one's
    std::string version;
    std::string cache_dir;  // its free space goes into the status
    std::vector<sign::PublicKey> trusted;  // verifies doorbells
    // Wakes the sync thread for the doorbell's edition (no 304 is trusted until it has it).
    std::function<void(sync::Awaited)> sync_now;
    std::function<std::optional<show::SyncReport>()> sync_report;  // what the sync holds
    // A screenshot request's id (fleet/screenshot.h), on the MQTT thread: must return at once.
    std::function<void(std::string)> screenshot_requested;
    std::chrono::milliseconds ring_gap{2000};  // doorbell-triggered syncs at least this far apart
    std::chrono::seconds status_every{60};
};

class Fleet {
  public:
    static Result<std::unique_ptr<Fleet>> start(FleetConfig config);
    ~Fleet();  // publishes "offline" and disconnects
    Fleet(const Fleet&) = delete;
    Fleet& operator=(const Fleet&) = delete;

    // The frame loop's status, each time it changes (any thread; copies and returns).
    void observe(const show::Showing& s);

  private:
    using Clock = std::chrono::steady_clock;
    explicit Fleet(FleetConfig config);
    void run();
    void on_message(const std::string& topic, std::string payload);
    void handle_doorbell(const std::string& payload, Clock::time_point now);
    void publish_status(Clock::time_point now, bool force);
    void note_ignored(Verdict v);
    Held held() const;

    FleetConfig config_;
    const Clock::time_point started_ = Clock::now();
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    bool connected_again_ = false;
    std::optional<show::Showing> status_;  // the loop's newest
    bool status_new_ = false;
    std::deque<std::string> doorbells_;  // at most a few, newest kept
    // The fleet thread's own:
    std::string published_key_;
    Clock::time_point published_at_{};
    std::optional<Clock::time_point> ring_at_;  // a doorbell waiting for the rate limit
    sync::Awaited ring_for_;                    // its edition (the newest of those waiting)
    Clock::time_point last_ring_{};
    std::map<Verdict, Clock::time_point> ignored_logged_;  // each kind logged at most once a minute
    Clock::time_point bad_request_logged_{};  // the MQTT thread's
    std::unique_ptr<MqttClient> mqtt_;
    std::thread thread_;  // last
};

}  // namespace nb::fleet
