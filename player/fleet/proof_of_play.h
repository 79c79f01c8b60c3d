// Proof of play on the board (docs/fleet.md): each page the frame loop shows becomes a record
// in the journal (fleet/journal.h), written on this object's own thread so that an fsync on a
// slow SD card never stalls a frame. Used with --journal or --desk; with --desk a second
// thread uploads the journal.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/result.h"
#include "fleet/journal.h"
#include "fleet/play.h"
#include "show/showing.h"
#include "sign/sign.h"
#include "sync/http.h"

namespace nb::fleet {

struct ProofOfPlayConfig {
    std::string journal_dir;
    std::string board_id;
    JournalLimits limits;
    // The upload (with a desk): sealed files are sent in signed batches and removed only after
    // the desk's 2xx; a board enrols itself first (staff approve it on the desk).
    std::string desk;  // http(s)://HOST[:PORT][/prefix]; empty: journal only
    std::optional<sign::SecretKey> board_key;
    std::string group;
    std::string ca_file;
    std::string user_agent;
    std::chrono::seconds upload_every{60};
};

class ProofOfPlay {
  public:
    static Result<std::unique_ptr<ProofOfPlay>> start(ProofOfPlayConfig config);
    ~ProofOfPlay();  // the page on screen ends: its play is written and fsync'd
    ProofOfPlay(const ProofOfPlay&) = delete;
    ProofOfPlay& operator=(const ProofOfPlay&) = delete;

    // A page left the screen (the frame loop's ShowObserver::page_shown; any thread; cheap).
    void record(const show::PageShown& page);

  private:
    ProofOfPlay(ProofOfPlayConfig config, Journal journal);
    void run();
    void write(std::deque<Play>& plays);
    void upload_loop();
    bool enrol(sync::Http& http);
    bool upload(sync::Http& http);
    bool post(sync::Http& http, const std::string& path, const std::string& body, bool sign);
    void log_once(const std::string& line);

    ProofOfPlayConfig config_;
    std::mutex journal_mutex_;  // the writer appends, the uploader seals and removes
    Journal journal_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Play> queue_;
    bool stop_ = false;
    std::string last_error_;  // the writer's own: each different error logged once
    std::string upload_said_;  // the uploader's own: its last log line, not repeated
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    std::thread thread_;
    std::thread uploader_;  // last
};

}  // namespace nb::fleet
