// libcurl opened at the first transfer (sync/curl_lib.h): a library that is missing or is not
// libcurl is a clear error naming it and what to install, never a crash; the real one works
// through the typed table.
#include <catch2/catch.hpp>
#include <string>

#include "sync/curl_lib.h"

using nb::sync::CurlLib;

TEST_CASE("a libcurl that is not installed is an error naming the library and the package, not a crash", "[curl_lib]") {
    auto lib = CurlLib::open("libnewsboard-missing.so.9");
    REQUIRE_FALSE(lib);
    CHECK(lib.error().find("cannot load libnewsboard-missing.so.9") != std::string::npos);
    CHECK(lib.error().find("install the package libcurl4") != std::string::npos);
}

TEST_CASE("a library that is not libcurl is refused, naming the functions it lacks", "[curl_lib]") {
    auto lib = CurlLib::open("libc.so.6");
    REQUIRE_FALSE(lib);
    CHECK(lib.error().find("libc.so.6 lacks curl_global_init, curl_easy_init") != std::string::npos);
}

TEST_CASE("the installed libcurl opens once for the process and answers through the typed wrappers", "[curl_lib]") {
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
