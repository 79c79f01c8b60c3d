// A libmosquitto client on its own thread (RAII): connects, subscribes again after every
// reconnect, backs off with jitter while the broker is away, and says goodbye on a clean
// exit (its "last will" payload published by hand, then DISCONNECT). Whatever the broker
// sends reaches the owner only as (topic, bytes) copies of at most kMaxMessageBytes, through
// callbacks that must not block; nothing from the broker reaches code that can throw.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"

struct mosquitto;
struct mosquitto_message;

namespace nb::fleet {

struct MosquittoLib;  // fleet/mosquitto_lib.h

inline constexpr std::size_t kMaxMessageBytes = 64 * 1024;

// mqtt://HOST:PORT (default port 1883) or mqtts://HOST:PORT (8883, TLS).
struct Broker {
    std::string host;
    int port = 1883;
    enum class Tls { Off, On } tls = Tls::Off;
};
Result<Broker> parse_broker_url(const std::string& url);

struct MqttConfig {
    Broker broker;
    std::string ca_file;  // TLS: empty means the system's CA certificates
    std::string user, password;
    std::string client_id;
    std::string will_topic, will_payload;  // retained, QoS 1
    std::vector<std::string> subscriptions;  // QoS 1
    int keepalive_s = 30;  // a board that loses power is marked offline within 1.5× this
};

enum class Retain { No, Yes };

class MqttClient {
  public:
    using OnMessage = std::function<void(const std::string& topic, std::string payload)>;
    using OnConnect = std::function<void()>;
    // Errors: libmosquitto cannot make a client, or rejects the TLS settings.
    static Result<std::unique_ptr<MqttClient>> start(MqttConfig config, OnMessage on_message, OnConnect on_connect);
    ~MqttClient();
    MqttClient(const MqttClient&) = delete;
    MqttClient& operator=(const MqttClient&) = delete;

    // QoS 1. Dropped while not connected (the owner publishes again on connect).
    void publish(const std::string& topic, const std::string& payload, Retain retain);
    bool connected() const { return connected_.load(); }

  private:
    MqttClient(const MosquittoLib& lib, MqttConfig config, OnMessage on_message, OnConnect on_connect, mosquitto* mosq);
    void run();
    int turn();
    void kick();
    void goodbye();
    bool wait_stop(std::chrono::milliseconds d);
    static void connect_cb(mosquitto*, void* self, int rc);
    static void disconnect_cb(mosquitto*, void* self, int rc);
    static void message_cb(mosquitto*, void* self, const mosquitto_message* m);
    static void publish_cb(mosquitto*, void* self, int mid);

    const MosquittoLib& lib_;  // the process's libmosquitto (mosquitto_lib.h), never unloaded
    MqttConfig config_;
    OnMessage on_message_;
    OnConnect on_connect_;
    mosquitto* mosq_;
    int wake_fd_;  // an eventfd: a publish or the stop ends the MQTT thread's poll()
    std::atomic<bool> connected_{false};
    std::atomic<int> published_mid_{-1};
    std::mutex mutex_;
    std::condition_variable stop_cv_;
    bool stop_ = false;
    std::thread thread_;  // last
};

}  // namespace nb::fleet
