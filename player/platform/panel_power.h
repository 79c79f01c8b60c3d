// The panel's power in the display-off hours. On KMSDRM (every board) the DPMS property of the
// connectors in use goes Off through SDL's own DRM descriptor (SDL_GetWindowWMInfo): SDL 2.26
// holds the DRM master and does legacy (not atomic) modesetting, so libdrm's legacy property
// call on that descriptor is allowed and does not fight SDL. The panel then really sleeps (the
// backlight off, a TV in standby). SDL must not flip a page while it is off (the flip would not
// complete and the next present would block): the frame loop presents nothing until On.
// Elsewhere (X11, Wayland, the offscreen driver of tests) there is no switch: the loop shows
// black and stops presenting.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <string>
#include <vector>

namespace nb::platform {

enum class PanelPower { On, Off };

class PanelSwitch {
  public:
    // Off: the connectors in use on `window`'s DRM device go to DPMS Off; true when at least
    // one did (else `error()` says why: not KMSDRM, no DPMS property, the kernel refused).
    // On: those connectors go back to DPMS On.
    bool set(SDL_Window* window, PanelPower power);
    const std::string& error() const { return error_; }

  private:
    std::vector<std::uint32_t> off_;  // the connectors this switch turned off
    std::string error_;
};

}  // namespace nb::platform
