#include "sync/curl_lib.h"

namespace nb::sync {

Result<std::unique_ptr<CurlLib>> CurlLib::open(const std::string& soname) {
    auto opened = SharedLib::open(soname, "libcurl4");
    if (!opened) return fail("HTTP: " + opened.error());
    SharedLib& so = *opened;
    std::unique_ptr<CurlLib> lib(new CurlLib);
    so.bind(lib->global_init, "curl_global_init");
    so.bind(lib->easy_init, "curl_easy_init");
    so.bind(lib->easy_cleanup, "curl_easy_cleanup");
    so.bind(lib->easy_reset, "curl_easy_reset");
    so.bind(lib->easy_perform, "curl_easy_perform");
    so.bind(lib->easy_strerror, "curl_easy_strerror");
    so.bind(lib->easy_header, "curl_easy_header");
    so.bind(lib->slist_append, "curl_slist_append");
    so.bind(lib->slist_free_all, "curl_slist_free_all");
    so.bind(lib->setopt_, "curl_easy_setopt");
    so.bind(lib->getinfo_, "curl_easy_getinfo");
    if (auto whole = so.complete("libcurl 7.84 or newer"); !whole) return fail("HTTP: " + whole.error());
    lib->so_.emplace(std::move(so));
    return Result<std::unique_ptr<CurlLib>>(std::move(lib));
}

Result<const CurlLib*> CurlLib::shared() {
    // curl_global_init is not thread-safe in every libcurl: once_for_process runs it before any
    // thread can get the library.
    return once_for_process<CurlLib>([]() -> Result<std::unique_ptr<CurlLib>> {
        auto opened = open(kCurlSoname);
        if (opened && (*opened)->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            return fail(std::string("HTTP: ") + kCurlSoname + " could not be initialised (curl_global_init)");
        return opened;
    });
}

}  // namespace nb::sync
