#include "platform/panel_power.h"

#include <SDL_syswm.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace nb::platform {
namespace {

struct DrmFree {
    void operator()(drmModeRes* p) const { drmModeFreeResources(p); }
    void operator()(drmModeConnector* p) const { drmModeFreeConnector(p); }
    void operator()(drmModeObjectProperties* p) const { drmModeFreeObjectProperties(p); }
    void operator()(drmModePropertyRes* p) const { drmModeFreeProperty(p); }
};
template <class T>
using DrmPtr = std::unique_ptr<T, DrmFree>;

// The id of the connector's "DPMS" property; 0 when it has none.
std::uint32_t dpms_property(int fd, std::uint32_t connector) {
    DrmPtr<drmModeObjectProperties> props(drmModeObjectGetProperties(fd, connector, DRM_MODE_OBJECT_CONNECTOR));
    if (!props) return 0;
    for (std::uint32_t i = 0; i < props->count_props; ++i) {
        DrmPtr<drmModePropertyRes> prop(drmModeGetProperty(fd, props->props[i]));
        if (prop && std::strcmp(prop->name, "DPMS") == 0) return prop->prop_id;
    }
    return 0;
}

// SDL's DRM descriptor for `window`; -1 (and `error`) when it is not on KMSDRM.
int drm_fd_of(SDL_Window* window, std::string& error) {
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!window || !SDL_GetWindowWMInfo(window, &info)) {
        error = std::string("no window information: ") + SDL_GetError();
        return -1;
    }
    if (info.subsystem != SDL_SYSWM_KMSDRM) {
        error = "not on KMSDRM";
        return -1;
    }
    return info.info.kmsdrm.drm_fd;
}

}  // namespace

bool PanelSwitch::set(SDL_Window* window, PanelPower power) {
    error_.clear();
    if (power == PanelPower::On && off_.empty()) return true;
    const int fd = drm_fd_of(window, error_);
    if (fd < 0) return false;
    const std::uint64_t value = power == PanelPower::On ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF;
    std::vector<std::uint32_t> connectors = off_;
    if (power == PanelPower::Off) {
        connectors.clear();
        DrmPtr<drmModeRes> res(drmModeGetResources(fd));
        if (!res) {
            error_ = std::string("drmModeGetResources: ") + std::strerror(errno);
            return false;
        }
        // In use: connected and driven by an encoder (SDL's CRTC), not a spare output.
        for (int i = 0; i < res->count_connectors; ++i) {
            DrmPtr<drmModeConnector> c(drmModeGetConnector(fd, res->connectors[i]));
            if (c && c->connection == DRM_MODE_CONNECTED && c->encoder_id != 0) connectors.push_back(c->connector_id);
        }
        if (connectors.empty()) error_ = "no connector in use";
    }
    std::vector<std::uint32_t> done;
    for (std::uint32_t id : connectors) {
        const std::uint32_t prop = dpms_property(fd, id);
        const int rc = prop ? drmModeConnectorSetProperty(fd, id, prop, value) : -ENOENT;
        if (rc == 0)
            done.push_back(id);
        else
            error_ = "connector " + std::to_string(id) + ": DPMS: " + std::strerror(-rc);
    }
    if (power == PanelPower::Off) {
        off_ = std::move(done);
        return !off_.empty();
    }
    const bool all_on = done.size() == off_.size();
    off_.clear();
    return all_on;
}

}  // namespace nb::platform
