#include "platform/display.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "platform/huge_pages.h"
#include "platform/x11_first_frame.h"
#include "platform/x11_first_paint.h"
#include "platform/x11_fullscreen.h"
#include "platform/x11_lost.h"

namespace nb::platform {
namespace {

SDL_Rect letterbox(int out_w, int out_h, int w, int h) {
    const double s = std::min(static_cast<double>(out_w) / w, static_cast<double>(out_h) / h);
    const int vw = static_cast<int>(w * s), vh = static_cast<int>(h * s);
    return {(out_w - vw) / 2, (out_h - vh) / 2, vw, vh};
}

bool sideways(int rotate_deg) {
    return rotate_deg == 90 || rotate_deg == 270;
}

// SDL's video driver is X11 (after SDL_InitSubSystem(SDL_INIT_VIDEO)).
bool on_x11() {
    const char* video = SDL_GetCurrentVideoDriver();
    return video && std::strcmp(video, "x11") == 0;
}

// What SDL's software renderer gives as its texture limit: none of its own (0), so ours.
constexpr int kSoftwareTextureLimit = 16384;

// X11 with no DRM device: no GPU.
bool x11_without_gpu(const char* video_driver) {
    return video_driver && std::strcmp(video_driver, "x11") == 0 && access("/dev/dri", F_OK) != 0;
}

// X11 with no DRM device has no GPU: SDL's OpenGL renderer would run on Mesa's llvmpipe,
// and SDL would also put its own window surface through that GL. Measured on Xvfb at
// 1920x1080 (tests/bench): creating the GL renderer takes ~360 ms (LLVM, shader compiles) and
// presenting a frame ~16 ms, against 0 ms and ~1.3 ms for the software renderer presenting
// through X11 shared memory. So: the software renderer and a plain X11 window surface, unless
// the environment chose otherwise (SDL_RENDER_DRIVER, SDL_FRAMEBUFFER_ACCELERATION win over
// these hints). A board with a GPU (KMSDRM, or X11 with /dev/dri) keeps SDL's choice.
void prefer_software_without_gpu() {
    if (!x11_without_gpu(SDL_GetCurrentVideoDriver())) return;
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
}

// SDL's GL renderers need a window made for GL. Given one that is not, SDL_CreateRenderer
// destroys the native window and makes another (SDL_RecreateWindow): on X11 a second window,
// mapped after the first was. It flashes on a desktop; a tool that found the first holds a dead
// id (a CI run's screenshots failed on it, tests/cli/test_show.py); and what was set on the
// first, the full-screen request of platform/x11_fullscreen.h, is gone. So the window is made
// for the renderer SDL will try first: the hint's (or SDL_RENDER_DRIVER's), else its first.
Uint32 flags_for_renderer() {
    const char* hint = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    std::string name = hint ? hint : "";
    SDL_RendererInfo info{};
    if (name.empty() && SDL_GetNumRenderDrivers() > 0 && SDL_GetRenderDriverInfo(0, &info) == 0 && info.name)
        name = info.name;
    if (name == "opengl") return SDL_WINDOW_OPENGL;  // SDL's default attributes are its (2.1, no profile)
    if (name == "opengles2") {
        // The context the GLES2 renderer asks for; any other makes it recreate the window too.
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 2);
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
        return SDL_WINDOW_OPENGL;
    }
    return 0;
}

// A window for the renderer (above); one without GL when GL cannot load (SDL fails the window
// then), since the software renderer needs none.
SDL_Window* make_window(const DisplaySpec& spec, int x, int y, int w, int h, Uint32 flags) {
    const Uint32 gl = flags_for_renderer();
    SDL_Window* window = SDL_CreateWindow(spec.title.c_str(), x, y, w, h, flags | gl);
    if (!window && gl) window = SDL_CreateWindow(spec.title.c_str(), x, y, w, h, flags);
    return window;
}
}  // namespace

int likely_max_texture(const DisplaySpec& spec, const std::string& video_driver) {
    if (spec.target == Target::Headless) return kSoftwareTextureLimit;
    if (spec.target == Target::Kiosk && x11_without_gpu(video_driver.c_str())) return kSoftwareTextureLimit;
    // A desktop's GL (a preview window) mostly has 16384; a board's GPU less (a Pi 4's: 4096).
    return spec.target == Target::Window ? 16384 : 4096;
}

Result<std::unique_ptr<Display>> Display::open(const DisplaySpec& spec) {
    std::unique_ptr<Display> d(new Display);
    d->spec_ = spec;
    // What the panel shows: the board turned by the mounting angle.
    const int panel_w = sideways(spec.rotate_deg) ? spec.height : spec.width;
    const int panel_h = sideways(spec.rotate_deg) ? spec.width : spec.height;
    // Kiosk only: a preview window on someone's desktop keeps SDL's choice.
    if (spec.target == Target::Kiosk) prefer_software_without_gpu();  // before the window exists
    switch (spec.target) {
        case Target::Headless:
            d->surface_ = render::make_surface(panel_w, panel_h);
            if (!d->surface_) return fail(std::string("cannot allocate the screen: ") + SDL_GetError());
            d->renderer_.reset(SDL_CreateSoftwareRenderer(d->surface_.get()));
            break;
        case Target::Kiosk: {
            // Hidden before the window exists, so it never flashes on a board.
            SDL_ShowCursor(SDL_DISABLE);
            // A board has no one to give focus back: never minimise on losing it.
            SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
            SDL_DisplayMode mode{};
            if (SDL_GetDesktopDisplayMode(0, &mode) != 0) mode.w = panel_w, mode.h = panel_h;
            if (on_x11()) {
                // Full screen without SDL's wait for a window manager (platform/x11_fullscreen.h).
                d->window_.reset(make_window(spec, 0, 0, mode.w, mode.h, SDL_WINDOW_BORDERLESS | SDL_WINDOW_HIDDEN));
                if (d->window_) {
                    ask_for_fullscreen_at_map(d->window_.get());
                    SDL_ShowWindow(d->window_.get());
                }
            } else {
                d->window_.reset(make_window(spec, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, mode.w, mode.h,
                                            SDL_WINDOW_FULLSCREEN_DESKTOP));
            }
            break;
        }
        case Target::Window: {
            const double fit = std::min(1.0, std::min(1600.0 / panel_w, 900.0 / panel_h));
            d->window_.reset(make_window(spec, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                        static_cast<int>(panel_w * fit), static_cast<int>(panel_h * fit),
                                        SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI));
            break;
        }
    }
    if (spec.target != Target::Headless) {
        if (!d->window_) return fail(std::string("cannot open a window: ") + SDL_GetError());
        if (on_x11()) exit_when_x_server_lost();
        // Vsync always: Pi 4/5 garble with asynchronous flips, and it paces the frame loop.
        d->renderer_.reset(
            SDL_CreateRenderer(d->window_.get(), -1, SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE));
        if (!d->renderer_) d->renderer_.reset(SDL_CreateRenderer(d->window_.get(), -1, SDL_RENDERER_PRESENTVSYNC));
    }
    if (!d->renderer_) return fail(std::string("no renderer: ") + SDL_GetError());
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(d->renderer_.get(), &info) == 0) {
        d->driver_ = info.name ? info.name : "";
        const int limit = std::min(info.max_texture_width, info.max_texture_height);
        d->max_texture_ = limit > 0 ? limit : kSoftwareTextureLimit;
    }
    // The X server's first write of the screen (platform/x11_first_paint.h), under way while
    // the surface below is faulted in. A preview window keeps SDL's background.
    if (spec.target == Target::Kiosk && on_x11()) paint_black_now(d->window_.get());
    // The software renderer draws into the window's framebuffer, which it already made: its
    // pages at once, not one by one under the first frame's clear. (A GL renderer's window has
    // no such framebuffer, and asking for one would make it.)
    if (d->window_ && d->driver_ == "software") populate_window_surface(d->window_.get());
    // Its first frame then goes to the server over the socket (platform/x11_first_frame.h).
    if (d->window_ && d->driver_ == "software" && on_x11()) d->shm_ = Shm::FirstFrameOverSocket;
    d->textures_ = std::make_unique<render::TextureCache>(d->renderer_.get());
    if (spec.rotate_deg != 0) {
        const int w = std::min(spec.width, d->max_texture_), h = std::min(spec.height, d->max_texture_);
        d->rotated_.reset(
            SDL_CreateTexture(d->renderer_.get(), SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h));
        if (!d->rotated_) return fail(std::string("cannot make the rotation target: ") + SDL_GetError());
        SDL_SetTextureScaleMode(d->rotated_.get(), SDL_ScaleModeLinear);
    }
    return d;
}

Display::~Display() {
    // A player stopped in the display-off hours leaves the panel on for the console (or the
    // next player, which turns it off again when the hours say so).
    panel_.set(window_.get(), PanelPower::On);
    // Textures belong to the renderer: free them before it goes.
    textures_.reset();
    rotated_.reset();
    renderer_.reset();
    window_.reset();
}

SDL_Rect Display::viewport() const {
    if (rotated_) {
        int w = 0, h = 0;
        SDL_QueryTexture(rotated_.get(), nullptr, nullptr, &w, &h);
        return {0, 0, w, h};
    }
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(renderer_.get(), &ow, &oh);
    return letterbox(ow, oh, spec_.width, spec_.height);
}

SDL_Rect Display::begin_frame(Cover cover) {
    SDL_Renderer* r = renderer_.get();
    if (rotated_) SDL_SetRenderTarget(r, rotated_.get());
    const SDL_Rect vp = viewport();
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(r, &ow, &oh);
    // The rotation texture is the board's rectangle; on a window letterbox bars need the clear.
    const bool whole_target = rotated_ || (vp.x == 0 && vp.y == 0 && vp.w == ow && vp.h == oh);
    if (cover == Cover::OverLast && keeps_frames()) return vp;
    if (cover != Cover::Whole || !whole_target) {
        SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
        SDL_RenderClear(r);
    }
    return vp;
}

void Display::present() {
    SDL_Renderer* r = renderer_.get();
    if (rotated_) {
        SDL_SetRenderTarget(r, nullptr);
        SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
        SDL_RenderClear(r);
        int ow = 0, oh = 0;
        SDL_GetRendererOutputSize(r, &ow, &oh);
        const bool turn = sideways(spec_.rotate_deg);
        // Letterbox the turned board, then give RenderCopyEx the unturned rectangle with the
        // same centre: it rotates about the centre.
        const SDL_Rect box = letterbox(ow, oh, turn ? spec_.height : spec_.width, turn ? spec_.width : spec_.height);
        SDL_Rect dst = box;
        if (turn) {
            dst.w = box.h;
            dst.h = box.w;
            dst.x = box.x + (box.w - dst.w) / 2;
            dst.y = box.y + (box.h - dst.h) / 2;
        }
        SDL_RenderCopyEx(r, rotated_.get(), nullptr, &dst, spec_.rotate_deg, nullptr, SDL_FLIP_NONE);
    }
    if (shm_ == Shm::FirstFrameOverSocket) {
        SDL_RenderFlush(r);
        if (put_frame_over_socket(window_.get())) {
            shm_ = Shm::SettleNextTurn;
            textures_->sweep();
            return;
        }
    }
    shm_ = Shm::Settled;  // SDL's present: the server maps the segment now, if it had not
    SDL_RenderPresent(r);
    textures_->sweep();
}

void Display::settle() {
    if (shm_ == Shm::SettleNextTurn) {
        shm_ = Shm::Settle;
    } else if (shm_ == Shm::Settle) {
        shm_ = Shm::Settled;
        // The frame on screen, through SDL's segment: the same pixels, so nothing changes there.
        if (window_) SDL_UpdateWindowSurface(window_.get());
    }
}

std::optional<render::PixelRows> Display::frame_pixels() {
    if (!keeps_frames() || rotated_) return std::nullopt;
    // The surface the software renderer draws into: the headless one, or the window's (the
    // renderer asks SDL_GetWindowSurface() for it too, so both name the same after a resize).
    SDL_Surface* s = surface_ ? surface_.get() : window_ ? SDL_GetWindowSurface(window_.get()) : nullptr;
    if (!s || !s->pixels || s->format->BytesPerPixel != 4 || s->format->Rmask != 0xff0000u ||
        s->format->Gmask != 0xff00u || s->format->Bmask != 0xffu)
        return std::nullopt;
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(renderer_.get(), &ow, &oh);
    if (ow != s->w || oh != s->h) return std::nullopt;  // not (yet) the renderer's frame
    SDL_RenderFlush(renderer_.get());
    return render::PixelRows{static_cast<std::uint8_t*>(s->pixels), s->pitch, s->w, s->h};
}

void Display::toggle_fullscreen() {
    if (!window_) return;
    const bool full = SDL_GetWindowFlags(window_.get()) & SDL_WINDOW_FULLSCREEN_DESKTOP;
    SDL_SetWindowFullscreen(window_.get(), full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
}

}  // namespace nb::platform
