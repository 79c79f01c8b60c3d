// The screen behind one small interface, chosen in one place: a kiosk on KMSDRM (or any
// full-screen desktop), a resizable desktop window for preview, or a headless software target
// for tests. The frame loop draws a board of logical size w×h into `begin_frame()`'s viewport
// and calls `present()`; the display letterboxes, and for a panel mounted on its side draws
// into a target texture and turns it, since neither KMSDRM nor the Pi's planes rotate by 90°.
#pragma once

#include <SDL.h>

#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "platform/panel_power.h"
#include "render/pixel_rows.h"
#include "render/surface.h"
#include "render/texture_cache.h"

namespace nb::platform {

enum class Target {
    Kiosk,     // full screen at the desktop mode, no cursor (KMSDRM on a board, X11/Wayland too)
    Window,    // a resizable desktop window (preview)
    Headless,  // SDL's software renderer on a surface: no video driver needed (tests)
};

struct DisplaySpec {
    Target target = Target::Window;
    int width = 1920, height = 1080;  // the board's logical size
    int rotate_deg = 0;               // 0, 90, 180, 270: the board turned clockwise on the panel
    std::string title = "Newsboard";
};

struct WindowDeleter {
    void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
using WindowPtr = std::unique_ptr<SDL_Window, WindowDeleter>;

// The texture limit Display::open() will find for `spec` on SDL's `video_driver` ("x11",
// "kmsdrm"), guessed before SDL's video starts: the first slide is prepared for it meanwhile
// (show/stage.h), and again should the renderer's differ.
int likely_max_texture(const DisplaySpec& spec, const std::string& video_driver);

class Display {
  public:
    // Needs SDL's video subsystem initialised (except for Headless).
    static Result<std::unique_ptr<Display>> open(const DisplaySpec& spec);
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    // What the frame will draw over the board's rectangle: Whole when an opaque page covers all
    // of it (then nothing is cleared where that rectangle is the whole target: on the software
    // renderer a full-screen clear is a quarter of a crossfade frame's cost); OverLast when it
    // draws over the frame presented last, which is then left as it is (keeps_frames() only).
    enum class Cover { Partly, Whole, OverLast };
    // Starts a frame: clears (see Cover), selects where the board is drawn and returns the
    // board's rectangle there (letterboxed on a window; the whole target texture when rotated).
    SDL_Rect begin_frame(Cover cover = Cover::Partly);
    // The rectangle the next begin_frame() returns.
    SDL_Rect viewport() const;
    void present();
    // Whether what was presented stays in the frame the next begin_frame() starts: SDL's
    // software renderer draws into the window's surface (on X11 a shared-memory image the
    // present copies to the server), into the rotation's target texture or the headless
    // surface, and no present clears them. A resize makes a new surface: the caller treats
    // window events as the loss of the frame. A GPU's back buffers are undefined after a flip.
    bool keeps_frames() const { return driver_ == "software"; }
    // Whether a frame presented before the first slide (black) makes the slide's present
    // cheaper: it pays the first present's costs (KMSDRM's mode set, the framebuffer's first
    // copy) while the slide is prepared. Not where that first present goes over X11's socket
    // (platform/x11_first_frame.h): there an early present would only keep the X server busy
    // when the slide arrives.
    bool early_present_helps() const { return shm_ != Shm::FirstFrameOverSocket; }
    // To be called on each turn of the frame loop with nothing left to draw. After a first
    // frame sent over X11's socket, on the second such turn, the frame on screen is copied once
    // more through SDL's shared memory: the server maps the segment then (~25 ms of its time at
    // 1920x1080), when the first slide has been up for a while and not when the next frame is
    // due (a crossfade's first). Not on the first: the server would still be busy with it when
    // it shows the slide (a real X server updates the screen after a client's requests, and so
    // does a poller's view). Nothing elsewhere.
    void settle();

    // The frame the board is drawn into, as pixels to write (what SDL has queued drawn first):
    // SDL's software renderer's window surface or headless surface, 32 bits a pixel, where the
    // board goes straight into it (not when turned: that frame is a target texture). Writing
    // there between begin_frame() and present() is drawing, faster than SDL's blitters
    // (render/pixel_rows.h). nullopt elsewhere (a GPU).
    std::optional<render::PixelRows> frame_pixels();

    SDL_Renderer* renderer() const { return renderer_.get(); }
    render::TextureCache& textures() { return *textures_; }
    int max_texture() const { return max_texture_; }
    const char* driver() const { return driver_.c_str(); }
    void toggle_fullscreen();
    // display-off: the panel's power (platform/panel_power.h). Off: true when the panel really
    // went off (DRM DPMS), and then nothing may be presented until On; false (with the reason in
    // panel_error()) where the display has no such switch.
    bool set_panel(PanelPower power) { return panel_.set(window_.get(), power); }
    const std::string& panel_error() const { return panel_.error(); }
    // Headless only: the picture as last presented (null otherwise).
    SDL_Surface* surface() const { return surface_.get(); }

  private:
    Display() = default;
    DisplaySpec spec_;
    render::SurfacePtr surface_;  // headless target
    WindowPtr window_;
    render::RendererPtr renderer_;
    std::unique_ptr<render::TextureCache> textures_;
    render::TexturePtr rotated_;  // the board drawn upright, turned on present()
    int max_texture_ = 4096;
    std::string driver_;
    // SDL's software renderer on X11 presents through a shared-memory segment; its first frame
    // goes over the socket instead (platform/x11_first_frame.h) and the segment's first copy
    // waits for settle().
    enum class Shm { None, FirstFrameOverSocket, SettleNextTurn, Settle, Settled };
    Shm shm_ = Shm::None;
    PanelSwitch panel_;
};

}  // namespace nb::platform
