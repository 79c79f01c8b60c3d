#include "sync/curl_lib.h"

#include <dlfcn.h>

#include <mutex>
#include <type_traits>

namespace nb::sync {

void CurlLib::Closer::operator()(void* handle) const {
    if (handle) ::dlclose(handle);
}

Result<std::unique_ptr<CurlLib>> CurlLib::open(const std::string& soname) {
    // RTLD_LOCAL: curl's symbols stay out of the global scope; we only call through the table.
    void* raw = ::dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!raw) {
        const char* why = ::dlerror();
        return fail("HTTP: cannot load " + soname + " (" + (why ? why : "unknown error") +
                    "); install the package libcurl4 (the player's package depends on it)");
    }
    std::unique_ptr<CurlLib> lib(new CurlLib);
    lib->handle_.reset(raw);
    std::string missing;
    auto find = [&](auto& fn, const char* name) {
        ::dlerror();
        void* sym = ::dlsym(raw, name);
        if (!sym) {
            missing += missing.empty() ? name : std::string(", ") + name;
            return;
        }
        // POSIX guarantees a function's address survives the round trip through void*.
        fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(sym);
    };
    find(lib->global_init, "curl_global_init");
    find(lib->easy_init, "curl_easy_init");
    find(lib->easy_cleanup, "curl_easy_cleanup");
    find(lib->easy_reset, "curl_easy_reset");
    find(lib->easy_perform, "curl_easy_perform");
    find(lib->easy_strerror, "curl_easy_strerror");
    find(lib->easy_header, "curl_easy_header");
    find(lib->slist_append, "curl_slist_append");
    find(lib->slist_free_all, "curl_slist_free_all");
    find(lib->setopt_, "curl_easy_setopt");
    find(lib->getinfo_, "curl_easy_getinfo");
    if (!missing.empty())
        return fail("HTTP: " + soname + " lacks " + missing +
                    " (libcurl 7.84 or newer is needed; install the package libcurl4)");
    return Result<std::unique_ptr<CurlLib>>(std::move(lib));
}

Result<const CurlLib*> CurlLib::shared() {
    static std::once_flag once;
    static const CurlLib* lib = nullptr;
    static std::string error;
    // curl_global_init is not thread-safe in every libcurl: it runs here, once, before any
    // thread can get the library. The library is leaked on purpose: never unloaded under a
    // transfer that is still running at exit.
    std::call_once(once, [] {
        auto opened = open(kCurlSoname);
        if (!opened) {
            error = opened.error();
            return;
        }
        if ((*opened)->global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            error = std::string("HTTP: ") + kCurlSoname + " could not be initialised (curl_global_init)";
            return;
        }
        lib = opened->release();
    });
    if (!lib) return fail(error);
    return lib;
}

}  // namespace nb::sync
