#include "render/image.h"

#include <SDL_image.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

#include <sys/stat.h>

#include "core/file.h"
#include "core/image_header.h"
#include "core/sha256.h"
#include "render/exif.h"
#include "render/gif.h"
#include "render/jpeg.h"
#include "render/scene.h"
#include "render/webp.h"

namespace nb::render {
namespace {

// Bilinear halving steps, then one final bilinear step: close to an area filter for large
// reductions without aliasing, at little cost.
SurfacePtr downscale(SurfacePtr src, int w, int h) {
    while (src->w / 2 >= w && src->h / 2 >= h) {
        SurfacePtr half = make_surface(std::max(1, src->w / 2), std::max(1, src->h / 2));
        if (!half || SDL_SoftStretchLinear(src.get(), nullptr, half.get(), nullptr) != 0) return src;
        src = std::move(half);
    }
    if (src->w == w && src->h == h) return src;
    SurfacePtr out = make_surface(w, h);
    if (!out || SDL_SoftStretchLinear(src.get(), nullptr, out.get(), nullptr) != 0) return src;
    return out;
}

// A download cut short still has a readable header, and decoders happily fill the missing
// rows with grey. A whole JPEG ends its last scan with EOI (FF D9): entropy-coded data
// never contains it, and an EXIF thumbnail's EOI comes before the main image's SOS (FF DA).
// A whole PNG has its IEND chunk.
bool is_truncated(std::string_view bytes, ImageFormat format) {
    switch (format) {
        case ImageFormat::Jpeg: {
            const auto eoi = bytes.rfind("\xFF\xD9");
            const auto sos = bytes.rfind("\xFF\xDA");
            return eoi == std::string_view::npos || (sos != std::string_view::npos && eoi < sos);
        }
        case ImageFormat::Png: return bytes.rfind("IEND") == std::string_view::npos;
        default: return false;
    }
}

struct Size {
    int w, h;
};

// The stored-orientation size a w×h picture is scaled to: only as many pixels as the box
// needs once fitted upright, and never above the GPU's limit or the picture's own size.
Size fitted_size(int w, int h, bool on_side, const ImageRequest& req) {
    const int upright_w = on_side ? h : w, upright_h = on_side ? w : h;
    const float sx = static_cast<float>(req.box_w) / static_cast<float>(upright_w);
    const float sy = static_cast<float>(req.box_h) / static_cast<float>(upright_h);
    float scale = req.fit == Fit::Cover ? std::max(sx, sy) : std::min(sx, sy);
    scale = std::min(scale, 1.0f);
    scale = std::min(scale, static_cast<float>(req.max_texture) / static_cast<float>(std::max(w, h)));
    if (scale >= 1.0f) return {w, h};
    const int fw = std::max(1, static_cast<int>(std::lround(static_cast<float>(upright_w) * scale)));
    const int fh = std::max(1, static_cast<int>(std::lround(static_cast<float>(upright_h) * scale)));
    return on_side ? Size{fh, fw} : Size{fw, fh};
}

}  // namespace

Result<SurfacePtr> decode_picture(std::string_view bytes, ImageFormat format, DecodeSize size) {
    SurfacePtr decoded;
    if (format == ImageFormat::Gif) {
        auto gif = decode_gif_first_frame(bytes, kMaxImageSide, kMaxImagePixels);
        if (!gif) return fail("cannot decode: " + gif.error());
        decoded = std::move(*gif);
    } else if (format == ImageFormat::WebP && is_animated_webp(bytes)) {
        auto webp = decode_webp_first_frame(bytes, kMaxImageSide, kMaxImagePixels);
        if (!webp) return fail("cannot decode: " + webp.error());
        decoded = std::move(*webp);
    } else if (format == ImageFormat::Jpeg) {
        auto jpeg = decode_jpeg(bytes, {size.min_w, size.min_h, kMaxImageSide, kMaxImagePixels, size.out_w, size.out_h});
        if (!jpeg) return fail("cannot decode: " + jpeg.error());
        decoded = std::move(*jpeg);
    } else {
        // The decoder of the format the header was read as, never IMG_Load_RW's guess: it
        // tries SVG before WebP whenever "<svg" is among the first bytes (tests/fuzz found a
        // WebP that went to the SVG parser, which leaked).
        SDL_RWops* rw = SDL_RWFromConstMem(bytes.data(), static_cast<int>(bytes.size()));
        if (!rw) return fail(std::string("cannot decode: ") + SDL_GetError());
        SDL_Surface* raw = nullptr;
        switch (format) {
            case ImageFormat::Png: raw = IMG_LoadPNG_RW(rw); break;
            case ImageFormat::WebP: raw = IMG_LoadWEBP_RW(rw); break;
            case ImageFormat::Bmp: raw = IMG_LoadBMP_RW(rw); break;
            case ImageFormat::Jpeg:
            case ImageFormat::Gif: break;
        }
        SDL_RWclose(rw);
        decoded = adopt(raw);
        if (!decoded) return fail(std::string("cannot decode: ") + IMG_GetError());
    }
    if (decoded->format->format == SDL_PIXELFORMAT_ARGB8888) return decoded;
    SurfacePtr converted = adopt(SDL_ConvertSurfaceFormat(decoded.get(), SDL_PIXELFORMAT_ARGB8888, 0));
    if (!converted) return fail("out of memory converting the picture");
    return converted;
}

FitRect fit_rect(int w, int h, float bx, float by, float bw, float bh, Fit fit) {
    if (w <= 0 || h <= 0) return {bx, by, bw, bh};
    const float sx = bw / static_cast<float>(w), sy = bh / static_cast<float>(h);
    const float s = fit == Fit::Cover ? std::max(sx, sy) : std::min(sx, sy);
    const float dw = static_cast<float>(w) * s, dh = static_cast<float>(h) * s;
    return {bx + (bw - dw) / 2, by + (bh - dh) / 2, dw, dh};
}

namespace {

// The first bytes of a file hold all a JPEG's headers (its EXIF block is at most 64 KiB):
// enough for the header check and the orientation when the rest is decoded from the file.
constexpr std::size_t kHeadBytes = 256 * 1024;

struct CloseFile {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, CloseFile>;

// What load_image() decodes: a whole file's bytes, or a JPEG's first kHeadBytes and the file
// itself, which the decoder reads as it goes (a 50-megapixel photo's 11 MB were alive beside
// two page textures while it decoded: issue 14's run peaked there).
struct Source {
    std::string_view head;        // the whole file, unless `stream` is set
    std::FILE* stream = nullptr;  // a JPEG, at any position
};

// is_truncated() for a JPEG read through once from its start, 64 KiB at a time, hashed into
// `hash` (if any) as it goes.
Result<bool> jpeg_cut_short(std::FILE* f, Sha256* hash) {
    std::rewind(f);
    std::vector<unsigned char> buf(65536);
    long long at = 0, eoi = -1, sos = -1;
    int before = -1;  // the byte before buf[0]
    for (;;) {
        const std::size_t n = std::fread(buf.data(), 1, buf.size(), f);
        if (hash) hash->update({reinterpret_cast<const char*>(buf.data()), n});
        for (std::size_t i = 0; i < n; ++i) {
            if (before == 0xFF && buf[i] == 0xD9) eoi = at + static_cast<long long>(i) - 1;
            if (before == 0xFF && buf[i] == 0xDA) sos = at + static_cast<long long>(i) - 1;
            before = buf[i];
        }
        at += static_cast<long long>(n);
        if (at > static_cast<long long>(size_limits::kMaxMediaBytes)) return fail("grew past the limit while read");
        if (n < buf.size()) break;
    }
    if (std::ferror(f)) return fail("cannot read it");
    return eoi < 0 || (sos >= 0 && eoi < sos);
}

// decode_picture() of a JPEG read from its file.
Result<SurfacePtr> decode_streamed(std::FILE* f, DecodeSize size) {
    std::rewind(f);
    auto jpeg = decode_jpeg(f, {size.min_w, size.min_h, kMaxImageSide, kMaxImagePixels, size.out_w, size.out_h});
    if (!jpeg) return fail("cannot decode: " + jpeg.error());
    return jpeg;
}

// The picture load_image() makes.
Result<SurfacePtr> image_from(const std::string& path, const Source& src, const ImageRequest& req,
                              const std::string& sha256) {
    auto info = read_image_header(src.head);
    if (!info) return fail(path + ": " + info.error());
    if (info->width > static_cast<std::uint32_t>(kMaxImageSide) || info->height > static_cast<std::uint32_t>(kMaxImageSide) ||
        static_cast<long long>(info->width) * info->height > kMaxImagePixels)
        return fail(path + ": " + std::to_string(info->width) + "×" + std::to_string(info->height) +
                    " is larger than 50 megapixels or 16384 px a side");

    std::optional<Sha256> hash;
    if (!sha256.empty()) hash.emplace();
    if (hash && !src.stream) hash->update(src.head);
    Result<bool> cut = src.stream ? jpeg_cut_short(src.stream, hash ? &*hash : nullptr)
                                  : Result<bool>(is_truncated(src.head, info->format));
    if (!cut) return fail(path + ": " + cut.error());
    // A streamed JPEG is decoded from the same open file that was hashed: a new file renamed
    // over it (how files are replaced) is not what it reads.
    if (hash && hash->hex() != sha256)
        return fail(path + ": does not match its sha256 (the file changed after the playlist was checked)");
    if (*cut) return fail(path + ": the file is cut short (an incomplete download?)");

    // Scaled down before it is turned upright: turning a 12-megapixel phone photo (most are
    // stored on their side) costs far more than turning what the screen needs of it.
    const int orientation = exif_orientation(src.head);
    const bool on_side = orientation >= 5;  // 5..8 turn by a quarter
    // The decoder is asked for the size the header's dimensions need (a JPEG decodes at the
    // smallest eighth above it and is shrunk to it row by row, so a 50-megapixel photo costs
    // its box's pixels and no more); the final size follows what was decoded (a GIF's first
    // frame may be larger than its header said).
    const Size wanted = fitted_size(static_cast<int>(info->width), static_cast<int>(info->height), on_side, req);
    const DecodeSize size{wanted.w, wanted.h, wanted.w, wanted.h};
    auto decoded = src.stream ? decode_streamed(src.stream, size) : decode_picture(src.head, info->format, size);
    if (!decoded) return fail(path + ": " + decoded.error());
    SurfacePtr image = std::move(*decoded);
    const bool as_wanted = image->w == wanted.w && image->h == wanted.h;
    const Size target = as_wanted ? wanted : fitted_size(image->w, image->h, on_side, req);
    if (image->w != target.w || image->h != target.h) image = downscale(std::move(image), target.w, target.h);
    return apply_orientation(std::move(image), orientation);
}

}  // namespace

Result<SurfacePtr> load_image(const std::string& path, const ImageRequest& req, const std::string& sha256) {
    // A JPEG larger than its headers is decoded from the file as it is read; anything else, or
    // a file that cannot be opened so (its error is file::read's), is read whole.
    if (FilePtr f{std::fopen(path.c_str(), "rbe")}) {
        struct stat st {};
        if (::fstat(fileno(f.get()), &st) == 0 && S_ISREG(st.st_mode) &&
            static_cast<std::uint64_t>(st.st_size) <= size_limits::kMaxMediaBytes &&
            static_cast<std::uint64_t>(st.st_size) > kHeadBytes) {
            std::string head(kHeadBytes, '\0');
            head.resize(std::fread(head.data(), 1, head.size(), f.get()));
            auto info = read_image_header(head);
            if (head.size() == kHeadBytes && info && info->format == ImageFormat::Jpeg)
                return image_from(path, {head, f.get()}, req, sha256);
        }
    }
    auto bytes = file::read(path, size_limits::kMaxMediaBytes);
    if (!bytes) return fail(bytes.error());
    return image_from(path, {*bytes}, req, sha256);
}

SDL_Rect cover_crop(int pw, int ph, float box_w, float box_h, Focus focus) {
    if (pw <= 0 || ph <= 0 || box_w <= 0 || box_h <= 0) return {0, 0, std::max(pw, 0), std::max(ph, 0)};
    const FitRect r = fit_rect(pw, ph, 0, 0, box_w, box_h, Fit::Cover);
    const int crop_w = std::clamp(static_cast<int>(std::lround(box_w / r.w * static_cast<float>(pw))), 1, pw);
    const int crop_h = std::clamp(static_cast<int>(std::lround(box_h / r.h * static_cast<float>(ph))), 1, ph);
    // Centred on the focus, then pushed back inside the picture.
    const auto place = [](float f, int whole, int part) {
        const float centre = std::clamp(f, 0.f, 1.f) * static_cast<float>(whole);
        return std::clamp(static_cast<int>(std::lround(centre - static_cast<float>(part) / 2)), 0, whole - part);
    };
    return {place(focus.x, pw, crop_w), place(focus.y, ph, crop_h), crop_w, crop_h};
}

namespace {

// A view into the picture's own pixels, which it keeps alive: a copy would cost as much
// again for a moment (a full-screen photo: ~5 MiB at 1920x1080). The picture itself when
// `src` is all of it.
SurfacePtr view_of(const SurfacePtr& picture, const SDL_Rect& src) {
    if (src.w == picture->w && src.h == picture->h) return picture;
    const int bpp = picture->format->BytesPerPixel;
    SDL_Surface* view = SDL_CreateRGBSurfaceWithFormatFrom(
        static_cast<std::uint8_t*>(picture->pixels) + static_cast<std::ptrdiff_t>(src.y) * picture->pitch + src.x * bpp,
        src.w, src.h, picture->format->BitsPerPixel, picture->pitch, picture->format->format);
    if (!view) return nullptr;
    SurfacePtr cropped(view, [keep = picture](SDL_Surface* s) { SDL_FreeSurface(s); });
    SDL_SetSurfaceBlendMode(cropped.get(), SDL_BLENDMODE_BLEND);
    return cropped;
}

}  // namespace

SurfacePtr put_cover(Scene& scene, const SurfacePtr& picture, const Rect& box, Focus focus, const Picture::Decode& again) {
    if (!picture || box.w <= 0 || box.h <= 0) return nullptr;
    const SDL_Rect src = cover_crop(picture->w, picture->h, box.w, box.h, focus);
    SurfacePtr drawn = view_of(picture, src);
    if (!drawn) return nullptr;
    if (!again) {
        scene.bitmap(box, drawn);
        return drawn;
    }
    // Made again, the picture must come out as it did (the same file and request do).
    const int w = picture->w, h = picture->h;
    scene.picture(box, std::make_shared<Picture>(drawn, [again, src, w, h]() -> Result<SurfacePtr> {
        auto fresh = again();
        if (!fresh) return fail(fresh.error());
        if ((*fresh)->w != w || (*fresh)->h != h) return fail("the picture came out at another size");
        SurfacePtr view = view_of(*fresh, src);
        if (!view) return fail("out of memory");
        return view;
    }));
    return drawn;
}

SurfacePtr blurred_backdrop(const SDL_Surface* source) {
    if (!source) return nullptr;
    // A 24-pixel-wide thumbnail stretched back up with linear filtering reads as a blur.
    const int w = 24;
    const int h = std::max(1, source->h * w / std::max(1, source->w));
    SurfacePtr copy = adopt(SDL_ConvertSurfaceFormat(const_cast<SDL_Surface*>(source), SDL_PIXELFORMAT_ARGB8888, 0));
    if (!copy) return nullptr;
    return downscale(std::move(copy), w, h);
}

}  // namespace nb::render
