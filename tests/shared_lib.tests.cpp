// Libraries opened when first needed (core/shared_lib.h): libcurl at the first transfer,
// libmosquitto when the MQTT client starts. One that is missing or is not the library is a
// clear error naming it and what to install, never a crash; the real ones work through their
// typed tables.
#include <catch2/catch.hpp>
#include <string>

#include "fleet/mosquitto_lib.h"
#include "sync/curl_lib.h"

using nb::fleet::MosquittoLib;
using nb::sync::CurlLib;

TEST_CASE("a libcurl that is not installed is an error naming the library and the package, not a crash", "[shared_lib]") {
    auto lib = CurlLib::open("libnewsboard-missing.so.9");
    REQUIRE_FALSE(lib);
    CHECK(lib.error().find("cannot load libnewsboard-missing.so.9") != std::string::npos);
    CHECK(lib.error().find("install the package libcurl4") != std::string::npos);
}

TEST_CASE("a library that is not libcurl is refused, naming the functions it lacks", "[shared_lib]") {
    auto lib = CurlLib::open("libc.so.6");
    REQUIRE_FALSE(lib);
    CHECK(lib.error().find("libc.so.6 lacks curl_global_init, curl_easy_init") != std::string::npos);
}

TEST_CASE("the installed libcurl opens once for the process and answers through the typed wrappers", "[shared_lib]") {
    auto lib = CurlLib::shared();
    REQUIRE(lib);
    auto again = CurlLib::shared();
    REQUIRE(again);
    CHECK(*again == *lib);
    const CurlLib& curl = **lib;
    CURL* c = curl.easy_init();
    REQUIRE(c);
    CHECK(curl.set_long(c, CURLOPT_MAXREDIRS, 5L) == CURLE_OK);
    CHECK(curl.set_off(c, CURLOPT_MAXFILESIZE_LARGE, curl_off_t{1} << 20) == CURLE_OK);
    CHECK(curl.set_pointer(c, CURLOPT_URL, "http://127.0.0.1:9/") == CURLE_OK);
    long status = -1;
    CHECK(curl.get_long(c, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK);
    CHECK(status == 0);  // nothing transferred yet
    CHECK(std::string(curl.easy_strerror(CURLE_COULDNT_CONNECT)) == "Couldn't connect to server");
    curl.easy_cleanup(c);
}

TEST_CASE("a libmosquitto that is missing or is not libmosquitto is an error for the fleet, not a crash", "[shared_lib]") {
    auto missing = MosquittoLib::open("libnewsboard-missing.so.9");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().find("MQTT: cannot load libnewsboard-missing.so.9") != std::string::npos);
    CHECK(missing.error().find("install the package libmosquitto1") != std::string::npos);
    auto other = MosquittoLib::open("libc.so.6");
    REQUIRE_FALSE(other);
    CHECK(other.error().find("libc.so.6 lacks mosquitto_lib_init, mosquitto_new") != std::string::npos);
}

TEST_CASE("the installed libmosquitto opens once for the process and makes a client", "[shared_lib]") {
    auto lib = MosquittoLib::shared();
    REQUIRE(lib);
    auto again = MosquittoLib::shared();
    REQUIRE(again);
    CHECK(*again == *lib);
    const MosquittoLib& m = **lib;
    mosquitto* client = m.make("newsboard-test", true, nullptr);
    REQUIRE(client);
    CHECK(m.int_option(client, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311) == MOSQ_ERR_SUCCESS);
    CHECK(std::string(m.strerror(MOSQ_ERR_NO_CONN)) == "The client is not currently connected.");
    m.destroy(client);
}
