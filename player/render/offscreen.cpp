#include "render/offscreen.h"

#include <SDL_image.h>
#include <unistd.h>

#include <cstdio>

#include "core/file.h"
#include "render/exif.h"

namespace nb::render {

Result<SurfacePtr> draw_offscreen(const std::vector<const Scene*>& layers, int w, int h, int rotate_deg) {
    SurfacePtr target = make_surface(w, h);
    if (!target) return fail(std::string("cannot allocate a ") + std::to_string(w) + "×" + std::to_string(h) +
                             " picture: " + SDL_GetError());
    RendererPtr renderer(SDL_CreateSoftwareRenderer(target.get()));
    if (!renderer) return fail(std::string("software renderer: ") + SDL_GetError());
    const SDL_Rect viewport{0, 0, w, h};
    for (const Scene* scene : layers)
        if (scene) draw(renderer.get(), *scene, viewport);
    SDL_RenderPresent(renderer.get());
    renderer.reset();
    // EXIF orientations 6, 3 and 8 are exactly the clockwise turns by 90, 180 and 270.
    switch (rotate_deg) {
        case 90: return apply_orientation(target, 6);
        case 180: return apply_orientation(target, 3);
        case 270: return apply_orientation(target, 8);
        default: return target;
    }
}

SurfacePtr scaled(const SDL_Surface* source, int w, int h) {
    SurfacePtr out = make_surface(w, h);
    if (!out) return nullptr;
    SurfacePtr copy = adopt(SDL_ConvertSurfaceFormat(const_cast<SDL_Surface*>(source), SDL_PIXELFORMAT_ARGB8888, 0));
    if (!copy) return nullptr;
    // Halve first so a big page does not alias into its thumbnail.
    while (copy->w / 2 >= w && copy->h / 2 >= h) {
        SurfacePtr half = make_surface(copy->w / 2, copy->h / 2);
        if (!half || SDL_SoftStretchLinear(copy.get(), nullptr, half.get(), nullptr) != 0) break;
        copy = std::move(half);
    }
    if (SDL_SoftStretchLinear(copy.get(), nullptr, out.get(), nullptr) != 0) return nullptr;
    return out;
}

Status save_png(const SDL_Surface* surface, const std::string& path) {
    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    if (IMG_SavePNG(const_cast<SDL_Surface*>(surface), tmp.c_str()) != 0) {
        std::remove(tmp.c_str());
        return fail("cannot write " + path + ": " + IMG_GetError());
    }
    return file::publish(tmp, path);  // appears whole or not at all
}

}  // namespace nb::render
