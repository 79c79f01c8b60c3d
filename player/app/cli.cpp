#include "app/cli.h"

#include <cstdio>

#include "app/cached_source.h"
#include "app/commands.h"
#include "app/options.h"

namespace nb::app {

int run(int argc, const char* const* argv) {
    if (argc < 2) {
        std::fputs(usage_text().c_str(), stderr);
        return kUsage;
    }
    auto options = parse_command_line(argc - 1, argv + 1);
    // A board's config file without a source: it plays on from its cache (app/cached_source.h).
    if (options && options->command == Command::Play && options->source.empty() && !options->config_unreadable)
        options = source_from_cache(std::move(*options));
    if (!options) {
        std::fprintf(stderr, "newsboard: error: %s\n\n%s", options.error().c_str(), usage_text().c_str());
        return kUsage;
    }
    for (const auto& w : options->warnings) std::fprintf(stderr, "%s\n", w.c_str());
    if (options->config_unreadable) return config_unreadable_command(*options);
    switch (options->command) {
        case Command::Help:
            std::fputs(usage_text().c_str(), stdout);
            return kOk;
        case Command::Version:
            std::printf("newsboard %s\n", NEWSBOARD_VERSION);
            return kOk;
        case Command::Render: return render_command(*options);
        case Command::Check: return check_command(*options);
        case Command::Preview: return preview_command(*options);
        case Command::Keygen: return keygen_command(*options);
        case Command::Sign: return sign_command(*options);
        case Command::Play: return play_command(*options);
        case Command::None:
            break;
    }
    std::fprintf(stderr, "newsboard: error: %s is not available in this build yet\n", argv[1]);
    return kRuntime;
}

}  // namespace nb::app
