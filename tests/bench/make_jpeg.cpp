// Writes a JPEG of any size and colour space for benchmarks and the fault matrix (a
// 50-megapixel photo): a grainy sky gradient with a red flower in the middle, so a wrong colour
// conversion shows and the file compresses like a photo, not like noise.
//   newsboard_make_jpeg OUT WIDTH HEIGHT [rgb|cmyk|adobe-cmyk|ycck]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "jpeg_writer.h"

int main(int argc, char** argv) {
    using nb::test::JpegInk;
    if (argc < 4 || argc > 5) {
        std::fprintf(stderr, "usage: %s OUT WIDTH HEIGHT [rgb|cmyk|adobe-cmyk|ycck]\n", argv[0]);
        return 2;
    }
    const int w = std::atoi(argv[2]), h = std::atoi(argv[3]);
    const std::string kind = argc == 5 ? argv[4] : "rgb";
    const JpegInk ink = kind == "cmyk" ? JpegInk::Cmyk
                        : kind == "adobe-cmyk" ? JpegInk::AdobeCmyk
                        : kind == "ycck" ? JpegInk::Ycck
                                         : JpegInk::Rgb;
    if (w <= 0 || h <= 0 || (kind != "rgb" && ink == JpegInk::Rgb)) {
        std::fprintf(stderr, "%s: bad size or colour space\n", argv[0]);
        return 2;
    }
    const double cx = w / 2.0, cy = h / 2.0, r = std::min(w, h) / 3.0;
    const std::string bytes = nb::test::write_jpeg(w, h, ink, [&](int x, int y) {
        // A little grain, as a camera's sensor gives: the file grows to a photo's size.
        const unsigned hash = (static_cast<unsigned>(x) * 2654435761u) ^ (static_cast<unsigned>(y) * 40503u);
        const int grain = static_cast<int>((hash >> 13) % 17) - 8;
        auto c = [&](int v) { return static_cast<std::uint8_t>(std::clamp(v + grain, 0, 255)); };
        if (std::hypot(x - cx, y - cy) < r) return nb::test::Rgb{c(210), c(25), c(40)};
        return nb::test::Rgb{c(90 + 60 * y / h), c(150 + 50 * y / h), c(225)};
    });
    std::FILE* f = std::fopen(argv[1], "wb");
    if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size() || std::fclose(f) != 0) {
        std::perror(argv[1]);
        return 1;
    }
    return 0;
}
