#include "fleet/mosquitto_lib.h"

namespace nb::fleet {

Result<std::unique_ptr<MosquittoLib>> MosquittoLib::open(const std::string& soname) {
    auto opened = SharedLib::open(soname, "libmosquitto1");
    if (!opened) return fail("MQTT: " + opened.error());
    SharedLib& so = *opened;
    std::unique_ptr<MosquittoLib> lib(new MosquittoLib);
    so.bind(lib->lib_init, "mosquitto_lib_init");
    so.bind(lib->make, "mosquitto_new");
    so.bind(lib->destroy, "mosquitto_destroy");
    so.bind(lib->threaded_set, "mosquitto_threaded_set");
    so.bind(lib->username_pw_set, "mosquitto_username_pw_set");
    so.bind(lib->will_set, "mosquitto_will_set");
    so.bind(lib->int_option, "mosquitto_int_option");
    so.bind(lib->tls_set, "mosquitto_tls_set");
    so.bind(lib->strerror, "mosquitto_strerror");
    so.bind(lib->connack_string, "mosquitto_connack_string");
    so.bind(lib->user_data_set, "mosquitto_user_data_set");
    so.bind(lib->connect_callback_set, "mosquitto_connect_callback_set");
    so.bind(lib->disconnect_callback_set, "mosquitto_disconnect_callback_set");
    so.bind(lib->message_callback_set, "mosquitto_message_callback_set");
    so.bind(lib->publish_callback_set, "mosquitto_publish_callback_set");
    so.bind(lib->connect, "mosquitto_connect");
    so.bind(lib->reconnect, "mosquitto_reconnect");
    so.bind(lib->disconnect, "mosquitto_disconnect");
    so.bind(lib->loop, "mosquitto_loop");
    so.bind(lib->socket, "mosquitto_socket");
    so.bind(lib->want_write, "mosquitto_want_write");
    so.bind(lib->publish, "mosquitto_publish");
    so.bind(lib->subscribe, "mosquitto_subscribe");
    // mosquitto_int_option with MOSQ_OPT_TLS_USE_OS_CERTS came in 2.0.
    if (auto whole = so.complete("libmosquitto 2.0 or newer"); !whole) return fail("MQTT: " + whole.error());
    lib->so_.emplace(std::move(so));
    return Result<std::unique_ptr<MosquittoLib>>(std::move(lib));
}

Result<const MosquittoLib*> MosquittoLib::shared() {
    // Never mosquitto_lib_cleanup'ed: a client thread may still run at exit.
    return once_for_process<MosquittoLib>([]() -> Result<std::unique_ptr<MosquittoLib>> {
        auto opened = open(kMosquittoSoname);
        if (!opened) return opened;
        if (const int rc = (*opened)->lib_init(); rc != MOSQ_ERR_SUCCESS)
            return fail(std::string("MQTT: ") + kMosquittoSoname +
                        " could not be initialised (mosquitto_lib_init: " + std::to_string(rc) + ")");
        return opened;
    });
}

}  // namespace nb::fleet
