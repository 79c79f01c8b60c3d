#include "core/shared_lib.h"

#include <dlfcn.h>

namespace nb {

void SharedLib::Closer::operator()(void* handle) const {
    if (handle) ::dlclose(handle);
}

SharedLib::SharedLib(void* handle, std::string soname, std::string package)
    : handle_(handle), soname_(std::move(soname)), package_(std::move(package)) {}

Result<SharedLib> SharedLib::open(const std::string& soname, const std::string& package) {
    void* raw = ::dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!raw) {
        const char* why = ::dlerror();
        return fail("cannot load " + soname + " (" + (why ? why : "unknown error") + "); install the package " +
                    package + " (the player's package depends on it)");
    }
    return SharedLib(raw, soname, package);
}

void* SharedLib::symbol(const char* name) {
    ::dlerror();
    void* sym = handle_ ? ::dlsym(handle_.get(), name) : nullptr;
    if (!sym) missing_ += missing_.empty() ? name : std::string(", ") + name;
    return sym;
}

Status SharedLib::complete(const std::string& needs) const {
    if (missing_.empty()) return success();
    return fail(soname_ + " lacks " + missing_ + " (" + needs + " is needed; install the package " + package_ + ")");
}

}  // namespace nb
