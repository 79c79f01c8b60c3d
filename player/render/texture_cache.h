// GPU textures for the CPU-side bitmaps of prepared scenes, made once and kept while the
// bitmap lives: a standing slide uploads nothing. Owned by whoever owns the renderer (the
// display), used only on the thread that owns SDL.
#pragma once

#include <SDL.h>

#include <cstddef>
#include <map>
#include <memory>

#include "render/surface.h"

namespace nb::render {

class TextureCache {
  public:
    explicit TextureCache(SDL_Renderer* renderer) : renderer_(renderer) {}
    TextureCache(const TextureCache&) = delete;
    TextureCache& operator=(const TextureCache&) = delete;

    // The texture for `surface`, uploaded on first use; null if SDL cannot make one.
    SDL_Texture* get(const SurfacePtr& surface);
    // Drops the textures of bitmaps nobody holds any more (call once a frame).
    void sweep();
    // Drops everything (the renderer is going away or was reset).
    void clear() { map_.clear(); }

    std::size_t size() const { return map_.size(); }
    std::size_t uploads() const { return uploads_; }  // textures made so far, for tests and benchmarks

  private:
    SDL_Renderer* renderer_;
    // Keyed by the bitmap's ownership, not its address: a freed surface's address may be reused.
    std::map<std::weak_ptr<SDL_Surface>, TexturePtr, std::owner_less<std::weak_ptr<SDL_Surface>>> map_;
    std::size_t uploads_ = 0;
};

}  // namespace nb::render
