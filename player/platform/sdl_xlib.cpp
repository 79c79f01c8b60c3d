#include "platform/sdl_xlib.h"

namespace nb::platform {

std::optional<SdlXlib> SdlXlib::loaded() {
    void* handle = ::dlopen("libX11.so.6", RTLD_NOW | RTLD_NOLOAD);
    if (!handle) return std::nullopt;
    return SdlXlib(handle);
}

}  // namespace nb::platform
