#include "fleet/proof_of_play.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/guard.h"
#include "core/ids.h"
#include "core/json_text.h"
#include "fleet/board_request.h"

namespace nb::fleet {
namespace {

constexpr std::size_t kMaxQueued = 10000;  // the disk stuck for hours: the oldest go first

}  // namespace

Result<std::unique_ptr<ProofOfPlay>> ProofOfPlay::start(ProofOfPlayConfig config) {
    auto journal = Journal::open(config.journal_dir, config.limits);
    if (!journal) return fail("proof of play: " + journal.error());
    std::unique_ptr<ProofOfPlay> p(new ProofOfPlay(std::move(config), std::move(*journal)));
    ProofOfPlay* self = p.get();
    p->thread_ = std::thread([self] { run_guarded("the proof-of-play thread", [self] { self->run(); }); });
    if (!self->config_.desk.empty())
        p->uploader_ = std::thread([self] { run_guarded("the proof-of-play upload", [self] { self->upload_loop(); }); });
    return p;
}

ProofOfPlay::ProofOfPlay(ProofOfPlayConfig config, Journal journal)
    : config_(std::move(config)), journal_(std::move(journal)) {}

ProofOfPlay::~ProofOfPlay() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cancel_->store(true);  // an upload in progress stops within a second
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (uploader_.joinable()) uploader_.join();
}

void ProofOfPlay::record(const show::PageShown& page) {
    Play p;
    p.uuid = uuid4();
    p.board = config_.board_id;
    p.item = page.item_id;
    p.playlist = page.playlist_id;
    p.sha256 = page.playlist_sha256;
    p.start = format_timestamp_utc(page.start);
    p.duration_ms = page.duration.count();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (queue_.size() >= kMaxQueued) queue_.pop_front();
        queue_.push_back(std::move(p));
    }
    cv_.notify_all();
}

void ProofOfPlay::write(std::deque<Play>& plays) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(journal_mutex_);
    Status s = success();
    for (const auto& p : plays)
        if (s) s = journal_.append(p, now);
    if (s) s = journal_.sync(now);
    if (!s && s.error() != last_error_) std::fprintf(stderr, "newsboard: error: proof of play: %s\n", s.error().c_str());
    last_error_ = s ? std::string() : s.error();
    plays.clear();
}

void ProofOfPlay::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        // Lines waiting for their fsync are synced within the journal's sync_after.
        cv_.wait_for(lock, config_.limits.sync_after, [this] { return stop_ || !queue_.empty(); });
        std::deque<Play> plays;
        plays.swap(queue_);
        const bool stopping = stop_;
        lock.unlock();
        write(plays);
        if (stopping) {
            std::lock_guard<std::mutex> journal(journal_mutex_);
            if (auto s = journal_.sync(std::chrono::steady_clock::now(), true); !s)
                std::fprintf(stderr, "newsboard: error: proof of play: %s\n", s.error().c_str());
            return;
        }
        lock.lock();
    }
}

void ProofOfPlay::log_once(const std::string& line) {
    if (line == upload_said_) return;
    upload_said_ = line;
    // Its words may name the desk's URL: never with a user and password in it (the journal).
    if (!line.empty()) std::fprintf(stderr, "newsboard: proof of play: %s\n", ids::hide_credentials(line).c_str());
}

bool ProofOfPlay::post(sync::Http& http, const std::string& path, const std::string& body, bool sign) {
    const auto now = nb::now();
    const sign::SecretKey* key = sign && config_.board_key ? &*config_.board_key : nullptr;
    const auto r = desk_post(config_.desk, path, body, "application/json", config_.board_id, key,
                             static_cast<long long>(now.time_since_epoch().count()));
    const auto got = http.post(r, now);
    if (got.failure) {
        const bool refused = got.failure->message.find("HTTP 401") != std::string::npos;
        log_once(got.failure->text() + (refused ? "; has staff approved this board on the desk's fleet page?" : ""));
        return false;
    }
    return true;
}

bool ProofOfPlay::enrol(sync::Http& http) {
    if (!config_.board_key) return false;
    const nlohmann::json body{
        {"board", config_.board_id}, {"key", key_base64(config_.board_key->public_key())}, {"group", config_.group}};
    return post(http, "/api/fleet/enrol", json_text::dump(body, -1), false);
}

// Every sealed file (and the current one, sealed for the purpose) in batches of at most 1000
// plays and 1 MiB; a file goes only when every batch of it had a 2xx. A batch sent twice (a
// crash between the desk's answer and the removal) is harmless: the desk keeps each uuid once.
bool ProofOfPlay::upload(sync::Http& http) {
    std::vector<std::string> files;
    {
        std::lock_guard<std::mutex> lock(journal_mutex_);
        if (journal_.sealed().empty() && !journal_.current_empty())
            if (auto s = journal_.seal(); !s) log_once(s.error());
        files = journal_.sealed();
    }
    std::size_t sent = 0;
    for (const auto& f : files) {
        auto read = read_journal_file(f);
        if (!read) {
            log_once(read.error());
            return false;
        }
        std::size_t i = 0;
        while (i < read->plays.size()) {
            nlohmann::json plays = nlohmann::json::array();
            std::size_t bytes = 0;
            for (; i < read->plays.size() && plays.size() < 1000 && bytes < 900 * 1024; ++i) {
                const Play& p = read->plays[i];
                plays.push_back({{"uuid", p.uuid}, {"item", p.item}, {"playlist", p.playlist}, {"sha256", p.sha256},
                                 {"start", p.start}, {"duration_ms", p.duration_ms}});
                bytes += 256 + p.item.size() + p.playlist.size();
            }
            const nlohmann::json body{{"board", config_.board_id}, {"plays", plays}};
            if (!post(http, "/api/fleet/plays", json_text::dump(body, -1), true)) return false;
            sent += plays.size();
        }
        std::lock_guard<std::mutex> lock(journal_mutex_);
        if (auto s = journal_.remove(f); !s) log_once(s.error());
    }
    if (sent > 0) log_once("");  // a later failure is news again
    return true;
}

void ProofOfPlay::upload_loop() {
    auto http = desk_http(config_.user_agent, config_.ca_file, cancel_);
    if (!http) {
        std::fprintf(stderr, "newsboard: error: proof of play: %s\n", http.error().c_str());
        return;
    }
    bool enrolled = false;
    auto wait = config_.upload_every;
    while (true) {
        if (!enrolled) enrolled = enrol(*http);
        // After a failure, wait longer (up to 10 minutes), with jitter against a stampede of
        // boards when the desk comes back.
        const bool ok = upload(*http);
        wait = ok ? config_.upload_every : std::min<std::chrono::seconds>(wait * 2, std::chrono::minutes(10));
        const auto jittered = std::chrono::milliseconds(wait) * (75 + static_cast<int>(randombytes_uniform(50))) / 100;
        std::unique_lock<std::mutex> lock(mutex_);
        if (cv_.wait_for(lock, jittered, [this] { return stop_; })) return;
    }
}

}  // namespace nb::fleet
