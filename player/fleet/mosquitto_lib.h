// libmosquitto, opened with dlopen when the board starts its MQTT client instead of linked
// (core/shared_lib.h says why): a board without --broker never maps it, nor the OpenSSL it
// brings. The header still gives the types and constants.
#pragma once

#include <mosquitto.h>

#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/shared_lib.h"

namespace nb::fleet {

// The soname the player's package depends on (libmosquitto1, deploy/packaging/package.cmake).
inline constexpr const char* kMosquittoSoname = "libmosquitto.so.1";

struct MosquittoLib {
    // The process's libmosquitto, opened and mosquitto_lib_init'ed once (std::call_once) by the
    // first caller; never unloaded (a client thread may run until exit). An error names the
    // library and what to install; it stays the answer for the process.
    static Result<const MosquittoLib*> shared();
    // Opens `soname` and looks up every function below, without mosquitto_lib_init (tests).
    static Result<std::unique_ptr<MosquittoLib>> open(const std::string& soname);

    decltype(&::mosquitto_lib_init) lib_init = nullptr;
    decltype(&::mosquitto_new) make = nullptr;
    decltype(&::mosquitto_destroy) destroy = nullptr;
    decltype(&::mosquitto_threaded_set) threaded_set = nullptr;
    decltype(&::mosquitto_username_pw_set) username_pw_set = nullptr;
    decltype(&::mosquitto_will_set) will_set = nullptr;
    decltype(&::mosquitto_int_option) int_option = nullptr;
    decltype(&::mosquitto_tls_set) tls_set = nullptr;
    decltype(&::mosquitto_strerror) strerror = nullptr;
    decltype(&::mosquitto_connack_string) connack_string = nullptr;
    decltype(&::mosquitto_user_data_set) user_data_set = nullptr;
    decltype(&::mosquitto_connect_callback_set) connect_callback_set = nullptr;
    decltype(&::mosquitto_disconnect_callback_set) disconnect_callback_set = nullptr;
    decltype(&::mosquitto_message_callback_set) message_callback_set = nullptr;
    decltype(&::mosquitto_publish_callback_set) publish_callback_set = nullptr;
    decltype(&::mosquitto_connect) connect = nullptr;
    decltype(&::mosquitto_reconnect) reconnect = nullptr;
    decltype(&::mosquitto_disconnect) disconnect = nullptr;
    decltype(&::mosquitto_loop) loop = nullptr;
    decltype(&::mosquitto_socket) socket = nullptr;
    decltype(&::mosquitto_want_write) want_write = nullptr;
    decltype(&::mosquitto_publish) publish = nullptr;
    decltype(&::mosquitto_subscribe) subscribe = nullptr;

  private:
    std::optional<SharedLib> so_;
};

}  // namespace nb::fleet
