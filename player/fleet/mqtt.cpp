#include "fleet/mqtt.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <random>

#include "core/guard.h"
#include "fleet/mosquitto_lib.h"

namespace nb::fleet {
namespace {

using std::chrono::milliseconds;

}  // namespace

Result<Broker> parse_broker_url(const std::string& url) {
    Broker b;
    std::string rest;
    if (url.rfind("mqtt://", 0) == 0) {
        rest = url.substr(7);
    } else if (url.rfind("mqtts://", 0) == 0) {
        rest = url.substr(8);
        b.tls = Broker::Tls::On;
        b.port = 8883;
    } else {
        return fail("--broker takes mqtt://HOST:PORT or mqtts://HOST:PORT; got \"" + url + "\"");
    }
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    const auto colon = rest.rfind(':');
    if (colon != std::string::npos && rest.find(']', colon) == std::string::npos) {
        const std::string port = rest.substr(colon + 1);
        if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(port) < 1 || std::stoi(port) > 65535)
            return fail("--broker: the port in \"" + url + "\" must be a number from 1 to 65535");
        b.port = std::stoi(port);
        rest = rest.substr(0, colon);
    }
    if (rest.size() > 2 && rest.front() == '[' && rest.back() == ']') rest = rest.substr(1, rest.size() - 2);
    if (rest.empty() || rest.find_first_of("/@?# ") != std::string::npos)
        return fail("--broker: no host in \"" + url + "\" (mqtt://HOST:PORT)");
    b.host = rest;
    return b;
}

Result<std::unique_ptr<MqttClient>> MqttClient::start(MqttConfig config, OnMessage on_message, OnConnect on_connect) {
    auto shared = MosquittoLib::shared();
    if (!shared) return fail(shared.error());
    const MosquittoLib& lib = **shared;
    mosquitto* mosq = lib.make(config.client_id.c_str(), true, nullptr);
    if (!mosq) return fail("MQTT: cannot make a client (out of memory?)");
    auto give_up = [&lib, mosq](const std::string& why) {
        lib.destroy(mosq);
        return fail("MQTT: " + why);
    };
    lib.threaded_set(mosq, true);  // our own thread runs mosquitto_loop(); others publish
    if (!config.user.empty() &&
        lib.username_pw_set(mosq, config.user.c_str(), config.password.empty() ? nullptr : config.password.c_str()) !=
            MOSQ_ERR_SUCCESS)
        return give_up("the broker user or password is not valid UTF-8");
    if (!config.will_topic.empty() &&
        lib.will_set(mosq, config.will_topic.c_str(), static_cast<int>(config.will_payload.size()),
                     config.will_payload.data(), 1, true) != MOSQ_ERR_SUCCESS)
        return give_up("the last will is not valid");
    if (config.broker.tls == Broker::Tls::On) {
        int rc = config.ca_file.empty() ? lib.int_option(mosq, MOSQ_OPT_TLS_USE_OS_CERTS, 1)
                                        : lib.tls_set(mosq, config.ca_file.c_str(), nullptr, nullptr, nullptr, nullptr);
        if (rc != MOSQ_ERR_SUCCESS) return give_up(std::string("TLS: ") + lib.strerror(rc));
    }
    std::unique_ptr<MqttClient> client(
        new MqttClient(lib, std::move(config), std::move(on_message), std::move(on_connect), mosq));
    return client;
}

MqttClient::MqttClient(const MosquittoLib& lib, MqttConfig config, OnMessage on_message, OnConnect on_connect,
                       mosquitto* mosq)
    : lib_(lib),
      config_(std::move(config)),
      on_message_(std::move(on_message)),
      on_connect_(std::move(on_connect)),
      mosq_(mosq),
      wake_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    lib_.user_data_set(mosq_, this);
    lib_.connect_callback_set(mosq_, &MqttClient::connect_cb);
    lib_.disconnect_callback_set(mosq_, &MqttClient::disconnect_cb);
    lib_.message_callback_set(mosq_, &MqttClient::message_cb);
    lib_.publish_callback_set(mosq_, &MqttClient::publish_cb);
    thread_ = std::thread([this] { run_guarded("the MQTT thread", [this] { run(); }); });
}

MqttClient::~MqttClient() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    stop_cv_.notify_all();
    kick();  // out of its poll(): the goodbye is said on its thread
    thread_.join();
    lib_.destroy(mosq_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
}

void MqttClient::kick() {
    const std::uint64_t one = 1;
    if (wake_fd_ >= 0) {
        [[maybe_unused]] const ssize_t n = ::write(wake_fd_, &one, sizeof one);
    }
}

// One turn of the connection. It sleeps until the broker sends something, a publish or the
// stop kicks it, or a quarter of the keepalive has passed (mosquitto_loop() sends the PINGREQ
// when one is due, so the broker's 1.5 × keepalive never runs out); mosquitto_loop(…, 1000, …)
// woke every second instead, which for 500 boards on one machine was 500 wake-ups a second
// and two thirds of an idle board's CPU. Without an eventfd it falls back to that.
int MqttClient::turn() {
    const int sock = lib_.socket(mosq_);
    if (sock < 0) return MOSQ_ERR_NO_CONN;
    if (wake_fd_ < 0) return lib_.loop(mosq_, 1000, 1);
    pollfd fds[2] = {{sock, static_cast<short>(POLLIN | (lib_.want_write(mosq_) ? POLLOUT : 0)), 0},
                     {wake_fd_, POLLIN, 0}};
    if (::poll(fds, 2, config_.keepalive_s * 1000 / 4) < 0 && errno != EINTR) return MOSQ_ERR_ERRNO;
    if (fds[1].revents & POLLIN) {
        std::uint64_t count = 0;
        [[maybe_unused]] const ssize_t n = ::read(wake_fd_, &count, sizeof count);
    }
    return lib_.loop(mosq_, 0, 1);  // what is ready now: reads, writes, the keepalive
}

bool MqttClient::wait_stop(milliseconds d) {
    std::unique_lock<std::mutex> lock(mutex_);
    return stop_cv_.wait_for(lock, d, [this] { return stop_; });
}

void MqttClient::run() {
    // Reconnects spread out with jitter, so 500 boards do not all come back in one instant.
    std::mt19937 jitter(std::random_device{}());
    milliseconds backoff(1000);
    bool ever = false;
    bool linked = false;  // a socket is open (connected, or connecting)
    while (!wait_stop(milliseconds(0))) {
        if (!linked) {
            const int rc =
                ever ? lib_.reconnect(mosq_)
                     : lib_.connect(mosq_, config_.broker.host.c_str(), config_.broker.port, config_.keepalive_s);
            if (rc != MOSQ_ERR_SUCCESS) {
                std::uniform_int_distribution<long> spread(backoff.count() / 2, backoff.count());
                if (wait_stop(milliseconds(spread(jitter)))) break;
                backoff = std::min(backoff * 2, milliseconds(30000));
                continue;
            }
            ever = linked = true;
        }
        const int rc = turn();
        if (rc != MOSQ_ERR_SUCCESS) {
            linked = false;
            connected_.store(false);
            continue;  // the reconnect above waits its backoff when it fails
        }
        if (connected_.load()) backoff = milliseconds(1000);
    }
    if (linked && connected_.load()) goodbye();
}

// A clean exit: the "offline" status (the will's payload) first, so watchers do not wait for
// the broker's keepalive, then DISCONNECT, which tells the broker not to send the will.
void MqttClient::goodbye() {
    int mid = -1;
    if (!config_.will_topic.empty() &&
        lib_.publish(mosq_, &mid, config_.will_topic.c_str(), static_cast<int>(config_.will_payload.size()),
                     config_.will_payload.data(), 1, true) == MOSQ_ERR_SUCCESS) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (published_mid_.load() != mid && std::chrono::steady_clock::now() < deadline &&
               lib_.loop(mosq_, 100, 1) == MOSQ_ERR_SUCCESS) {
        }
    }
    lib_.disconnect(mosq_);
    lib_.loop(mosq_, 100, 1);  // sends the DISCONNECT
}

void MqttClient::publish(const std::string& topic, const std::string& payload, Retain retain) {
    if (!connected_.load()) return;
    if (lib_.publish(mosq_, nullptr, topic.c_str(), static_cast<int>(payload.size()), payload.data(), 1,
                     retain == Retain::Yes) == MOSQ_ERR_SUCCESS)
        kick();  // the MQTT thread sends it now, not at its next turn
}

// The callbacks run inside mosquitto_loop(), a C library: nothing may escape them.
void MqttClient::connect_cb(mosquitto* mosq, void* self, int rc) {
    auto* c = static_cast<MqttClient*>(self);
    if (rc != 0) {
        std::fprintf(stderr, "newsboard: MQTT: the broker refused the connection: %s\n", c->lib_.connack_string(rc));
        return;
    }
    c->connected_.store(true);
    for (const auto& topic : c->config_.subscriptions) c->lib_.subscribe(mosq, nullptr, topic.c_str(), 1);
    run_guarded("the MQTT connect callback", [c] {
        if (c->on_connect_) c->on_connect_();
    });
}

void MqttClient::disconnect_cb(mosquitto*, void* self, int) {
    static_cast<MqttClient*>(self)->connected_.store(false);
}

void MqttClient::message_cb(mosquitto*, void* self, const mosquitto_message* m) {
    auto* c = static_cast<MqttClient*>(self);
    if (!m || !m->topic || m->payloadlen < 0 || static_cast<std::size_t>(m->payloadlen) > kMaxMessageBytes) return;
    run_guarded("the MQTT message callback", [c, m] {
        if (c->on_message_)
            c->on_message_(m->topic,
                           std::string(static_cast<const char*>(m->payload), static_cast<std::size_t>(m->payloadlen)));
    });
}

void MqttClient::publish_cb(mosquitto*, void* self, int mid) {
    static_cast<MqttClient*>(self)->published_mid_.store(mid);
}

}  // namespace nb::fleet
