#include "fleet/fleet.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "core/guard.h"
#include "core/time.h"
#include "fleet/screenshot.h"

namespace nb::fleet {
namespace {

constexpr std::size_t kQueuedDoorbells = 4;  // a flood keeps only the newest few

unsigned long long free_bytes(const std::string& dir) {
    struct statvfs s {};
    if (dir.empty() || statvfs(dir.c_str(), &s) != 0) return 0;
    return static_cast<unsigned long long>(s.f_bavail) * s.f_frsize;
}

// The SoC's temperature where the board has one (a Raspberry Pi: thermal_zone0).
std::optional<double> cpu_temp() {
    std::ifstream in("/sys/class/thermal/thermal_zone0/temp");
    long milli = 0;
    if (!(in >> milli) || milli < -50000 || milli > 200000) return std::nullopt;
    return static_cast<double>(milli / 100) / 10.0;
}

}  // namespace

Result<std::unique_ptr<Fleet>> Fleet::start(FleetConfig config) {
    auto broker = parse_broker_url(config.broker_url);
    if (!broker) return fail(broker.error());
    if (config.board_id.empty()) return fail("--broker needs --board-id (the board's status topic)");
    MqttConfig mc;
    mc.broker = *broker;
    mc.ca_file = config.ca_file;
    mc.user = config.broker_user;
    mc.password = config.broker_password;
    mc.client_id = "newsboard-" + config.board_id;
    mc.will_topic = status_topic(config.board_id);
    mc.will_payload = offline_payload(config.board_id);
    if (!config.group.empty()) mc.subscriptions.push_back(doorbell_topic(config.group));
    mc.subscriptions.push_back(screenshot_topic(config.board_id));
    std::unique_ptr<Fleet> fleet(new Fleet(std::move(config)));
    Fleet* f = fleet.get();
    auto client = MqttClient::start(
        std::move(mc), [f](const std::string& topic, std::string payload) { f->on_message(topic, std::move(payload)); },
        [f] {
            {
                std::lock_guard<std::mutex> lock(f->mutex_);
                f->connected_again_ = true;
            }
            f->cv_.notify_all();
        });
    if (!client) return fail(client.error());
    fleet->mqtt_ = std::move(*client);
    fleet->thread_ = std::thread([f] { run_guarded("the fleet thread", [f] { f->run(); }); });
    return fleet;
}

Fleet::Fleet(FleetConfig config) : config_(std::move(config)) {}

Fleet::~Fleet() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    mqtt_.reset();  // says "offline" and disconnects
}

void Fleet::observe(const show::Showing& s) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        status_ = s;
        status_new_ = true;
    }
    cv_.notify_all();
}

// On the MQTT thread: copy and hand over, nothing more.
void Fleet::on_message(const std::string& topic, std::string payload) {
    if (topic == screenshot_topic(config_.board_id)) {
        if (!config_.screenshot_requested) return;
        if (auto id = parse_screenshot_request(payload)) {
            config_.screenshot_requested(std::move(*id));
        } else if (const auto now = Clock::now(); bad_request_logged_ == Clock::time_point{} ||
                                                   now - bad_request_logged_ >= std::chrono::minutes(1)) {
            bad_request_logged_ = now;
            std::fprintf(stderr, "newsboard: fleet: a screenshot request ignored: not {\"v\":1,\"request\":ID} "
                                 "(this note at most once a minute)\n");
        }
        return;
    }
    if (topic != doorbell_topic(config_.group)) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (doorbells_.size() >= kQueuedDoorbells) doorbells_.pop_front();
        doorbells_.push_back(std::move(payload));
    }
    cv_.notify_all();
}

Held Fleet::held() const {
    Held h;
    if (!config_.sync_report) return h;
    const auto report = config_.sync_report();
    if (!report) return h;
    h.playlist_id = report->playlist_id.value_or("");
    h.sha256 = report->playlist_sha256.value_or("");
    if (report->playlist_updated)
        if (auto t = parse_timestamp(*report->playlist_updated)) h.updated = *t;
    return h;
}

void Fleet::note_ignored(Verdict v) {
    const auto now = Clock::now();
    auto& last = ignored_logged_[v];
    if (last != Clock::time_point{} && now - last < std::chrono::minutes(1)) return;
    last = now;
    std::fprintf(stderr, "newsboard: fleet: a doorbell ignored: %s (this note at most once a minute)\n",
                 to_string(v));
}

void Fleet::handle_doorbell(const std::string& payload, Clock::time_point now) {
    const auto j = judge(payload, config_.group, config_.playlist_id, config_.trusted, held());
    if (j.verdict != Verdict::Ring) {
        note_ignored(j.verdict);
        return;
    }
    // judge() read the time: a Ring has one.
    const sync::Awaited edition{j.doorbell->sha256, *parse_timestamp(j.doorbell->updated)};
    // Rate-limited: a burst of genuine doorbells makes one sync now and at most one more later,
    // for the newest edition rung meanwhile (by its "updated").
    if (now - last_ring_ >= config_.ring_gap) {
        last_ring_ = now;
        ring_at_.reset();
        std::fprintf(stderr, "newsboard: fleet: doorbell for edition %lld: syncing now\n", j.doorbell->edition);
        if (config_.sync_now) config_.sync_now(edition);
    } else {
        if (!ring_at_ || edition.updated >= ring_for_.updated) ring_for_ = edition;
        if (!ring_at_) ring_at_ = last_ring_ + config_.ring_gap;
    }
}

void Fleet::publish_status(Clock::time_point now, bool force) {
    std::optional<show::Showing> s;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        s = status_;
    }
    if (!s) return;  // the loop has not said anything yet: its first status wakes us
    MachineFacts m;
    m.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(now - started_).count();
    m.cache_free_bytes = free_bytes(config_.cache_dir);
    m.cpu_temp_c = cpu_temp();
    const auto sync = config_.sync_report ? config_.sync_report() : std::nullopt;
    auto msg = status_message(config_.board_id, config_.group, config_.version, *s, sync, m, nb::now());
    if (!force && msg.key == published_key_ && now - published_at_ < config_.status_every) return;
    if (!mqtt_->connected()) {
        published_key_.clear();  // published on connect (or at the next change or minute)
        published_at_ = now;
        return;
    }
    mqtt_->publish(status_topic(config_.board_id), msg.payload, Retain::Yes);
    published_key_ = std::move(msg.key);
    published_at_ = now;
}

void Fleet::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stop_) {
        // The next minute's status (not before a second from now: never a busy loop).
        auto deadline = std::max(published_at_ + config_.status_every, Clock::now() + std::chrono::seconds(1));
        if (ring_at_ && *ring_at_ < deadline) deadline = *ring_at_;
        cv_.wait_until(lock, deadline, [this] {
            return stop_ || connected_again_ || status_new_ || !doorbells_.empty();
        });
        if (stop_) break;
        const bool force = connected_again_;
        connected_again_ = false;
        status_new_ = false;
        std::deque<std::string> bells;
        bells.swap(doorbells_);
        lock.unlock();
        const auto now = Clock::now();
        for (const auto& b : bells) handle_doorbell(b, now);
        if (ring_at_ && now >= *ring_at_) {
            ring_at_.reset();
            last_ring_ = now;
            if (config_.sync_now) config_.sync_now(ring_for_);
        }
        publish_status(now, force);
        lock.lock();
    }
}

}  // namespace nb::fleet
