// Pictures: POST /api/media (one file, multipart) and GET /api/media/<sha256>.<ext>.
// The type comes from the bytes, never the name; the size is judged from the header before
// any decoding (a picture bomb is refused unopened); then the picture is decoded the way a
// board decodes it, so a damaged file is refused here and not on a board. The file is kept as
// uploaded: boards turn it upright by its EXIF orientation and convert CMYK themselves, and
// previews show exactly that.
#include <sys/stat.h>

#include <mutex>

#include "core/error_subject.h"
#include "core/file.h"
#include "core/image_header.h"
#include "core/sha256.h"
#include "desk.h"
#include "core/limits.h"
#include "render/exif.h"
#include "render/image.h"

namespace nb::desk {

namespace {

const char* extension(ImageFormat f) {
    switch (f) {
        case ImageFormat::Jpeg: return "jpg";
        case ImageFormat::Png: return "png";
        case ImageFormat::Gif: return "gif";
        case ImageFormat::WebP: return "webp";
        case ImageFormat::Bmp: return "bmp";
    }
    return "bin";
}

const char* mime(const std::string& ext) {
    if (ext == "jpg") return "image/jpeg";
    if (ext == "png") return "image/png";
    if (ext == "gif") return "image/gif";
    if (ext == "webp") return "image/webp";
    return "image/bmp";
}

// Decoding a large picture takes memory (up to 50 megapixels); one at a time.
std::mutex decoding;

Reply upload(Desk& desk, Call& call) {
    const Upload& up = call.upload;
    if (up.size == 0) return error_reply(400, "file_empty", "the file is empty", "file");
    auto bytes = file::read(up.temp_path, size_limits::kMaxMediaBytes);
    if (!bytes) return error_reply(413, "picture_too_large", "the picture is larger than 64 MiB", "file");
    auto info = read_image_header(bytes.value());
    if (!info) {
        return error_reply(415, "picture_type",
                           "\"" + up.filename + "\" is not a picture the boards can show (JPEG, PNG, GIF, WebP or BMP)",
                           "file");
    }
    const long long pixels = static_cast<long long>(info->width) * info->height;
    if (info->width > size_limits::kMaxImageSide || info->height > size_limits::kMaxImageSide ||
        pixels > static_cast<long long>(size_limits::kMaxImagePixels)) {
        return error_reply(422, "picture_too_big",
                           "\"" + up.filename + "\" is " + std::to_string(info->width) + "×" +
                               std::to_string(info->height) +
                               ": boards show at most 16384 pixels a side and 50 megapixels; make it smaller",
                           "file");
    }
    {
        std::lock_guard<std::mutex> lock(decoding);
        auto decoded = render::load_image(up.temp_path, {64, 64, render::Fit::Contain, 4096});
        if (!decoded) {
            // The renderer names the file it read: here a temp file, which tells staff nothing
            // and the client where the desk keeps its folder.
            const std::string why = after_subject(decoded.error(), up.temp_path).value_or(decoded.error());
            return error_reply(422, "picture_damaged", "\"" + up.filename + "\" is damaged: " + why, "file");
        }
    }
    int orientation = render::exif_orientation(bytes.value());
    bool sideways = orientation >= 5 && orientation <= 8;
    std::string sha = sha256_hex(bytes.value());
    std::string name = sha + "." + extension(info->format);
    std::string final_path = desk.dir.media_dir() + "/" + name;
    if (!file::exists(final_path)) {
        ::chmod(up.temp_path.c_str(), 0644);  // nginx reads it
        if (auto s = file::publish(up.temp_path, final_path); !s) throw std::runtime_error(s.error());
        call.upload.temp_path.clear();
    }
    audit(desk, call, "media.upload", name, up.filename);
    Json j;
    j["src"] = "media/" + name;
    j["sha256"] = sha;
    j["width"] = sideways ? info->height : info->width;
    j["height"] = sideways ? info->width : info->height;
    j["format"] = to_string(info->format);
    return json_reply(j);
}

Reply download(Desk& desk, const Call& call) {
    std::string path = desk.dir.media_dir() + "/" + call.params[0] + "." + call.params[1];
    auto bytes = file::read(path, size_limits::kMaxMediaBytes);
    if (!bytes) return error_reply(404, "no_picture", "no such picture");
    Reply r;
    r.content_type = mime(call.params[1]);
    r.body = std::move(bytes.value());
    r.headers.emplace_back("Cache-Control", "private, max-age=31536000, immutable");  // named by content
    return r;
}

}  // namespace

void add_media_routes(Router& router, Desk& desk) {
    router.add("POST", "/api/media", {Access::Staff, Body::Upload, kMaxUploadBody}, [&desk](Call& c) { return upload(desk, c); });
    router.add("GET", "/api/media/([0-9a-f]{64})\\.(jpg|png|gif|webp|bmp)", {Access::Staff, Body::None, 0},
               [&desk](Call& c) { return download(desk, c); });
}

}  // namespace nb::desk
