// A shared library opened with dlopen when it is first needed, instead of linked (RAII).
// Why: libcurl and libmosquitto bring ~26 libraries (nghttp2, gnutls, krb5, ldap, OpenSSL, …) the
// board needs nowhere else; mapping and relocating them at exec was most of the player's CPU
// before main(), and a board playing its cache needs none of them before its first sync.
// A library that does not open, or lacks a function, is an error naming it and the Debian
// package to install — never a crash; callers then fail like a network fault.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"

namespace nb {

class SharedLib {
  public:
    // Opens `soname` (RTLD_NOW | RTLD_LOCAL: its symbols stay out of the global scope; we only
    // call through the tables that bind() fills). `package` is named in errors.
    static Result<SharedLib> open(const std::string& soname, const std::string& package);

    // Looks up `name` into `fn`; a missing one is added to the list missing() reports.
    template <class Fn>
    void bind(Fn*& fn, const char* name) {
        // POSIX guarantees a function's address survives the round trip through void*.
        fn = reinterpret_cast<Fn*>(symbol(name));
    }
    // After the bind() calls: an error naming every function the library lacks, or success.
    Status complete(const std::string& needs) const;

  private:
    struct Closer {
        void operator()(void* handle) const;
    };
    SharedLib(void* handle, std::string soname, std::string package);
    void* symbol(const char* name);

    std::unique_ptr<void, Closer> handle_;
    std::string soname_;
    std::string package_;
    std::string missing_;
};

// The process's one `Lib` (a table of a library's functions): made by `make` (open and
// initialise) the first time anyone asks, under std::call_once so the library's own init runs
// before any thread can use it; its error stays the answer for the process. Never freed nor
// unloaded: a transfer or a client thread may still run at exit.
template <class Lib, class Make>
Result<const Lib*> once_for_process(Make make) {
    static std::once_flag once;
    static const Lib* lib = nullptr;
    static std::string error;
    std::call_once(once, [&make] {
        Result<std::unique_ptr<Lib>> made = make();
        if (made) {
            lib = made->release();
        } else {
            error = made.error();
        }
    });
    if (!lib) return fail(error);
    return lib;
}

}  // namespace nb
