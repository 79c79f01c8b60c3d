// libmosquitto's threaded client: callbacks run on its own thread, and each catches
// everything (an exception must never unwind into C). Statuses are validated there
// (board_status.h), kept latest-per-board in memory, and written to SQLite in batches by a
// flusher thread, so 500 boards' retained statuses at start cost one transaction, not 500.
#include "doorbell.h"

#include <mosquitto.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "board_auth.h"
#include "board_status.h"
#include "sign/fleet_bytes.h"
#include "core/file.h"
#include "core/time.h"
#include "session.h"

namespace nb::desk {

namespace {

constexpr int kQos = 1;
constexpr int kKeepaliveS = 30;
constexpr std::size_t kMaxPending = 20000;
constexpr std::size_t kMaxPasswordBytes = 1024;

std::int64_t unix_now() { return std::chrono::duration_cast<std::chrono::seconds>(nb::now().time_since_epoch()).count(); }

class Silent final : public Doorbell {
  public:
    void ring(const Ring&) override {}
    bool request_screenshot(const std::string&, const std::string&) override { return false; }
};

// mosquitto_lib_init once per process, before the first client.
void init_library() {
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

struct Destroy {
    void operator()(mosquitto* m) const { mosquitto_destroy(m); }
};

class Mqtt final : public Doorbell {
  public:
    Mqtt(BrokerAddress address, const BrokerOptions& options, std::string password, const sign::SecretKey& key,
         StatusSink sink)
        : address_(std::move(address)), url_(options.url), key_(key), sink_(std::move(sink)) {
        init_library();
        std::string client_id = "newsboard-desk-" + random_token().substr(0, 12);
        mosq_.reset(mosquitto_new(client_id.c_str(), true, this));
        if (!mosq_) throw std::runtime_error("mosquitto_new failed");
        mosquitto_int_option(mosq_.get(), MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
        if (!options.user.empty()) {
            mosquitto_username_pw_set(mosq_.get(), options.user.c_str(), password.empty() ? nullptr : password.c_str());
        }
        if (address_.tls) {
            const char* ca = options.ca_file.empty() ? nullptr : options.ca_file.c_str();
            mosquitto_tls_set(mosq_.get(), ca, ca ? nullptr : "/etc/ssl/certs", nullptr, nullptr, nullptr);
        }
        mosquitto_reconnect_delay_set(mosq_.get(), 1, 30, true);
        mosquitto_connect_callback_set(mosq_.get(), &Mqtt::on_connect);
        mosquitto_disconnect_callback_set(mosq_.get(), &Mqtt::on_disconnect);
        mosquitto_message_callback_set(mosq_.get(), &Mqtt::on_message);
        flusher_ = std::thread([this] { flush_loop(); });
        // Asynchronous: a broker that is down now is tried again by the loop thread.
        int rc = mosquitto_connect_async(mosq_.get(), address_.host.c_str(), address_.port, kKeepaliveS);
        if (rc != MOSQ_ERR_SUCCESS) complain(std::string("cannot connect yet: ") + mosquitto_strerror(rc));
        mosquitto_loop_start(mosq_.get());
    }

    ~Mqtt() override {
        mosquitto_disconnect(mosq_.get());
        mosquitto_loop_stop(mosq_.get(), true);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
        flusher_.join();
    }

    void ring(const Ring& r) override {
        try {
            if (!connected_) {
                complain("not connected: the doorbell for " + r.group + " edition " + std::to_string(r.edition) +
                         " is not rung; boards pick it up when they poll");
                return;
            }
            std::string topic = "newsboard/group/" + r.group + "/doorbell";
            publish(topic, doorbell_payload(r, key_));
        } catch (const std::exception& e) {
            complain(std::string("doorbell: ") + e.what());
        }
    }

    bool request_screenshot(const std::string& board, const std::string& request) override {
        if (!connected_) return false;
        nlohmann::ordered_json j{{"v", 1}, {"request", request}};
        return publish("newsboard/board/" + board + "/screenshot", j.dump());
    }

  private:
    bool publish(const std::string& topic, const std::string& payload) {
        int rc = mosquitto_publish(mosq_.get(), nullptr, topic.c_str(), static_cast<int>(payload.size()), payload.data(),
                                   kQos, false);
        if (rc != MOSQ_ERR_SUCCESS) complain(topic + ": " + mosquitto_strerror(rc));
        return rc == MOSQ_ERR_SUCCESS;
    }

    void complain(const std::string& what) noexcept {
        try {
            std::cerr << "newsboard-desk: broker " << url_ << ": " << what << "\n";
        } catch (...) {
        }
    }

    static void on_connect(mosquitto* m, void* self_ptr, int rc) {
        auto* self = static_cast<Mqtt*>(self_ptr);
        try {
            if (rc != 0) {
                self->complain(std::string("refused: ") + mosquitto_connack_string(rc));
                return;
            }
            self->connected_ = true;
            self->complain("connected; listening to board statuses");
            mosquitto_subscribe(m, nullptr, "newsboard/board/+/status", kQos);
        } catch (...) {
        }
    }

    static void on_disconnect(mosquitto*, void* self_ptr, int rc) {
        auto* self = static_cast<Mqtt*>(self_ptr);
        self->connected_ = false;
        if (rc != 0) self->complain("connection lost; trying again");
    }

    static void on_message(mosquitto*, void* self_ptr, const mosquitto_message* msg) {
        auto* self = static_cast<Mqtt*>(self_ptr);
        try {
            if (!msg || !msg->topic || msg->payloadlen < 0 || static_cast<std::size_t>(msg->payloadlen) > fleet::kMaxStatusBytes) {
                return;
            }
            std::string payload(static_cast<const char*>(msg->payload), static_cast<std::size_t>(msg->payloadlen));
            auto st = fleet::parse_status(msg->topic, payload);
            if (!st) return;  // anything malformed is dropped here, unseen by the rest of the desk
            std::int64_t now = unix_now();
            // A retained status is old news: it was last heard at its own time, if that is sane.
            std::int64_t seen = msg->retain && st->at && *st->at < now && *st->at > now - 86400 ? *st->at : now;
            self->take(fleet::StoredStatus{st->board, st->group, st->online, seen, st->json});
        } catch (...) {
        }
    }

    void take(fleet::StoredStatus s) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (pending_.size() >= kMaxPending && !pending_.count(s.board)) return;
        std::string board = s.board;
        pending_[board] = std::move(s);
        wake_.notify_one();
    }

    void flush_loop() {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stopping_) {
            wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
            // Gather what arrives in the next moment into the same transaction.
            wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stopping_; });
            std::vector<fleet::StoredStatus> batch;
            for (auto& [board, s] : pending_) batch.push_back(std::move(s));
            pending_.clear();
            lock.unlock();
            try {
                sink_(batch);
            } catch (const std::exception& e) {
                complain(std::string("storing board statuses: ") + e.what());
            } catch (...) {
                complain("storing board statuses failed");
            }
            lock.lock();
        }
    }

    BrokerAddress address_;
    std::string url_;
    sign::SecretKey key_;
    StatusSink sink_;
    std::unique_ptr<mosquitto, Destroy> mosq_;
    std::atomic<bool> connected_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<std::string, fleet::StoredStatus> pending_;
    std::thread flusher_;
};

}  // namespace

Result<BrokerAddress> parse_broker_url(const std::string& url) {
    BrokerAddress a;
    std::string rest;
    if (url.rfind("mqtt://", 0) == 0) {
        rest = url.substr(7);
    } else if (url.rfind("mqtts://", 0) == 0) {
        a.tls = true;
        a.port = 8883;
        rest = url.substr(8);
    } else {
        return fail("--broker " + url + ": mqtt://HOST[:PORT] or mqtts://HOST[:PORT]");
    }
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    std::string host = rest;
    auto colon = rest.rfind(':');
    if (colon != std::string::npos && rest.find(']', colon) == std::string::npos) {
        std::string port = rest.substr(colon + 1);
        host = rest.substr(0, colon);
        if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(port) < 1 || std::stoi(port) > 65535) {
            return fail("--broker " + url + ": the port is 1 to 65535");
        }
        a.port = std::stoi(port);
    }
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty() || host.find_first_of("/@?# ") != std::string::npos) {
        return fail("--broker " + url + ": no host (mqtt://HOST[:PORT])");
    }
    a.host = host;
    return a;
}

std::string doorbell_payload(const Ring& r, const sign::SecretKey& key) {
    nlohmann::ordered_json j{{"v", 1},
                             {"group", r.group},
                             {"playlist_id", r.group},
                             {"edition", r.edition},
                             {"sha256", r.sha256},
                             {"updated", r.updated}};
    j["sig"] = fleet::sign_detached(key, sign::doorbell_bytes(r.group, r.group, r.edition, r.sha256, r.updated));
    return j.dump();
}

Result<std::unique_ptr<Doorbell>> make_doorbell(const BrokerOptions& options, const sign::SecretKey& key, StatusSink sink) {
    if (options.url.empty()) return std::unique_ptr<Doorbell>(std::make_unique<Silent>());
    auto address = parse_broker_url(options.url);
    if (!address) return fail(address.error());
    std::string password;
    if (!options.password_file.empty()) {
        auto text = file::read(options.password_file, kMaxPasswordBytes);
        if (!text) return fail("--broker-password-file: " + text.error());
        password = text.value().substr(0, text.value().find_first_of("\r\n"));
    }
    return std::unique_ptr<Doorbell>(std::make_unique<Mqtt>(address.value(), options, password, key, std::move(sink)));
}

}  // namespace nb::desk
