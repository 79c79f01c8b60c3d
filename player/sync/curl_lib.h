// libcurl, opened with dlopen at the first transfer instead of linked. Why: libcurl brings about
// 25 shared libraries the player needs nowhere else (nghttp2, gnutls, krb5, ldap, ssh2, …), and
// mapping and relocating them was most of the player's CPU before main(); a board playing a
// file, or its cache before the first sync, needs none of them. The curl headers still give the
// types and constants. A library that does not open is an error to report, never a crash: the
// sync then fails like a network error and the board keeps showing what it has.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/shared_lib.h"

namespace nb::sync {

// The soname the player's package depends on (libcurl4, deploy/packaging/package.cmake).
inline constexpr const char* kCurlSoname = "libcurl.so.4";

class CurlLib {
public:
    // The process's libcurl, opened and curl_global_init'ed once (std::call_once) by the first
    // caller, before any thread uses it; never unloaded (a transfer may run until exit). An
    // error names the library and what to install; it stays the answer for the process.
    static Result<const CurlLib*> shared();
    // Opens `soname` and looks up every function below, without curl_global_init (tests).
    static Result<std::unique_ptr<CurlLib>> open(const std::string& soname);

    // curl_easy_setopt and curl_easy_getinfo are variadic: each argument type gets its own typed
    // wrapper, so a wrong type does not compile instead of reading garbage.
    CURLcode set_long(CURL* c, CURLoption o, long v) const { return setopt_(c, o, v); }
    CURLcode set_off(CURL* c, CURLoption o, curl_off_t v) const { return setopt_(c, o, v); }
    CURLcode set_pointer(CURL* c, CURLoption o, const void* v) const { return setopt_(c, o, const_cast<void*>(v)); }
    CURLcode set_write_function(CURL* c, curl_write_callback f) const { return setopt_(c, CURLOPT_WRITEFUNCTION, f); }
    CURLcode set_xferinfo_function(CURL* c, curl_xferinfo_callback f) const {
        return setopt_(c, CURLOPT_XFERINFOFUNCTION, f);
    }
    CURLcode get_long(CURL* c, CURLINFO i, long* v) const { return getinfo_(c, i, v); }
    CURLcode get_off(CURL* c, CURLINFO i, curl_off_t* v) const { return getinfo_(c, i, v); }
    CURLcode get_string(CURL* c, CURLINFO i, char** v) const { return getinfo_(c, i, v); }

    decltype(&::curl_global_init) global_init = nullptr;
    decltype(&::curl_easy_init) easy_init = nullptr;
    decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
    decltype(&::curl_easy_reset) easy_reset = nullptr;
    decltype(&::curl_easy_perform) easy_perform = nullptr;
    decltype(&::curl_easy_strerror) easy_strerror = nullptr;
    decltype(&::curl_easy_header) easy_header = nullptr;
    decltype(&::curl_slist_append) slist_append = nullptr;
    decltype(&::curl_slist_free_all) slist_free_all = nullptr;

private:
    std::optional<SharedLib> so_;
    decltype(&::curl_easy_setopt) setopt_ = nullptr;
    decltype(&::curl_easy_getinfo) getinfo_ = nullptr;
};

}  // namespace nb::sync
