#include "app/options.h"

#include <cstdlib>
#include <functional>
#include <sstream>

#include "core/file.h"
#include "core/ids.h"
#include "core/limits.h"
#include "core/utf8.h"
#include "playlist/suggest.h"

namespace nb::app {
namespace {

using Setter = std::function<Status(Options&, const std::string&)>;

struct OptionSpec {
    const char* name;
    const char* metavar;  // nullptr: a flag without a value
    const char* help;
    Setter set;
    // For an option that narrows what the board trusts: what a config file's invalid value (or
    // a near-miss of the option's name) sets instead, so that the mistake narrows trust to
    // nothing rather than widening it to the default (FailClosed below). nullptr: ignore the line.
    std::function<void(Options&, const std::string& where)> fail_closed = nullptr;
};

Result<int> parse_int(const std::string& s, int min, int max, const char* what) {
    char* end = nullptr;
    errno = 0;
    const long v = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno != 0 || v < min || v > max)
        return fail(std::string(what) + " must be a whole number from " + std::to_string(min) + " to " +
                    std::to_string(max) + ", got \"" + s + "\"");
    return static_cast<int>(v);
}

Status set_size(Options& o, const std::string& v) {
    const auto x = v.find_first_of("xX×");
    if (x == std::string::npos) return fail("--size takes WIDTHxHEIGHT, like 1920x1080; got \"" + v + "\"");
    auto w = parse_int(v.substr(0, x), 64, 7680, "--size width");
    if (!w) return fail(w.error());
    auto h = parse_int(v.substr(v[x] == 'x' || v[x] == 'X' ? x + 1 : x + 2), 64, 7680, "--size height");
    if (!h) return fail(h.error());
    o.width = *w;
    o.height = *h;
    return success();
}

// A flag's value: empty on the command line (`--portrait`), or yes/no in a config file, where
// `portrait = no` must not turn portrait on.
enum class Flag { Off, On };
Result<Flag> parse_flag(const std::string& v, const char* name) {
    if (v.empty() || v == "yes" || v == "true" || v == "on" || v == "1") return Flag::On;
    if (v == "no" || v == "false" || v == "off" || v == "0") return Flag::Off;
    return fail(std::string(name) + " is yes or no; got \"" + v + "\"");
}

const std::vector<OptionSpec>& table() {
    static const std::vector<OptionSpec> specs = {
        {"source", "URL|FILE", "the playlist, for config files (on the command line: SOURCE)",
         [](Options& o, const std::string& v) -> Status {
             if (v.empty()) return fail("source is empty: give the playlist's http(s):// URL or file");
             o.source = v;
             return success();
         }},
        {"size", "WxH", "logical screen size (default 1920x1080)", set_size},
        {"portrait", nullptr, "an upright board: same as --size 1080x1920",
         [](Options& o, const std::string& v) -> Status {
             auto flag = parse_flag(v, "portrait");
             if (!flag) return fail(flag.error());
             if (*flag == Flag::On) {
                 o.width = 1080;
                 o.height = 1920;
             }
             return success();
         }},
        {"rotate", "DEG", "board turned 0, 90, 180 or 270 degrees clockwise (90: panel mounted turned counter-clockwise)",
         [](Options& o, const std::string& v) -> Status {
             if (v != "0" && v != "90" && v != "180" && v != "270")
                 return fail("--rotate takes 0, 90, 180 or 270; got \"" + v + "\"");
             o.rotate_deg = std::atoi(v.c_str());
             return success();
         }},
        {"output", "DIR", "render: folder for NNN.png, layout.json and sheet.png (also -o)",
         [](Options& o, const std::string& v) -> Status {
             o.out_dir = v;
             return success();
         }},
        {"at", "TIME", "render: show what the board shows at TIME (2019-04-08T09:00:00+08:00)",
         [](Options& o, const std::string& v) -> Status {
             o.at = v;
             return success();
         }},
        {"cache", "DIR", "content cache folder",
         [](Options& o, const std::string& v) -> Status {
             o.cache_dir = v;
             return success();
         }},
        {"cache-max", "MB", "keep the cache below MB megabytes (default 0: no limit)",
         [](Options& o, const std::string& v) -> Status {
             auto n = parse_int(v, 0, 1'000'000, "--cache-max");
             if (!n) return fail(n.error());
             o.cache_max_mb = *n;
             return success();
         }},
        {"trusted-key", "FILE", "accept only playlists signed by this key (repeatable)",
         [](Options& o, const std::string& v) -> Status {
             o.trusted_keys.push_back(v);
             return success();
         },
         [](Options& o, const std::string& where) { o.trusted_key_lines_unread.push_back(where); }},
        {"allow-unsigned", nullptr, "play/preview URL: take unsigned content (without it, --trusted-key is required)",
         [](Options& o, const std::string& v) -> Status {
             auto flag = parse_flag(v, "allow-unsigned");
             if (!flag) return fail(flag.error());
             o.unsigned_content = *flag == Flag::On ? Options::Unsigned::Allow : Options::Unsigned::Refuse;
             return success();
         }},
        {"still-pictures", nullptr, "play/preview: gallery pictures never pan and zoom, even on a GPU",
         [](Options& o, const std::string& v) -> Status {
             auto flag = parse_flag(v, "still-pictures");
             if (!flag) return fail(flag.error());
             o.pictures = *flag == Flag::On ? Options::Pictures::Still : Options::Pictures::Drift;
             return success();
         }},
        {"playlist-id", "ID", "take only the playlist with this \"id\" (a board's group)",
         [](Options& o, const std::string& v) -> Status {
             if (!ids::is_id(v))
                 return fail("--playlist-id takes a playlist id (letters, digits, '.', '_', '-'); got \"" + v + "\"");
             o.playlist_id = v;
             return success();
         },
         [](Options& o, const std::string& where) { o.playlist_id = no_playlist_id(where); }},
        {"state", "DIR", "what must outlive the cache: the newest edition taken, crash counts",
         [](Options& o, const std::string& v) -> Status {
             o.state_dir = v;
             return success();
         }},
        {"ca-file", "FILE", "trust these CA certificates (PEM) for https instead of the system's",
         [](Options& o, const std::string& v) -> Status {
             o.ca_file = v;
             return success();
         }},
        {"poll", "SECONDS", "how often to look for a new playlist (default 60)",
         [](Options& o, const std::string& v) -> Status {
             auto n = parse_int(v, 1, 86400, "--poll");
             if (!n) return fail(n.error());
             o.poll_s = *n;
             return success();
         }},
        {"board-id", "ID", "this board's name, for logs, status and the user agent",
         [](Options& o, const std::string& v) -> Status {
             o.board_id = v;
             return success();
         }},
        {"status", "FILE", "keep a JSON status file current",
         [](Options& o, const std::string& v) -> Status {
             o.status_file = v;
             return success();
         }},
        {"display-off", "HH:MM-HH:MM",
         "play: panel off (DPMS; else black) in these local hours (23:00-06:00, ranges with commas)",
         [](Options& o, const std::string& v) -> Status {
             auto off = show::parse_display_off(v);
             if (!off) return fail(off.error());
             o.display_off = std::move(*off);
             return success();
         }},
        {"headless", nullptr, "play: the whole board (sync, schedule, status, fleet) with no display or window",
         [](Options& o, const std::string& v) -> Status {
             auto flag = parse_flag(v, "headless");
             if (!flag) return fail(flag.error());
             o.screen = *flag == Flag::On ? Options::Screen::Headless : Options::Screen::Display;
             return success();
         }},
        {"broker", "URL", "play: the fleet's MQTT broker, mqtt://HOST:PORT or mqtts://HOST:PORT (docs/fleet.md)",
         [](Options& o, const std::string& v) -> Status {
             if (v.rfind("mqtt://", 0) != 0 && v.rfind("mqtts://", 0) != 0)
                 return fail("--broker takes mqtt://HOST:PORT or mqtts://HOST:PORT; got \"" + v + "\"");
             o.broker = v;
             return success();
         }},
        {"broker-user", "NAME", "play: the board's MQTT user (its board id)",
         [](Options& o, const std::string& v) -> Status {
             o.broker_user = v;
             return success();
         }},
        {"broker-password-file", "FILE", "play: the board's MQTT password, the file's first line",
         [](Options& o, const std::string& v) -> Status {
             o.broker_password_file = v;
             return success();
         }},
        {"group", "ID", "play: the board's group, whose doorbell it listens to (default: --playlist-id)",
         [](Options& o, const std::string& v) -> Status {
             if (!ids::is_id(v)) return fail("--group takes a group id (letters, digits, '.', '_', '-'); got \"" + v + "\"");
             o.group = v;
             return success();
         }},
        {"desk", "URL", "play: the desk, for proof of play and screenshots (https://…)",
         [](Options& o, const std::string& v) -> Status {
             if (!ids::is_http_url(v)) return fail("--desk takes the desk's http(s):// URL; got \"" + v + "\"");
             o.desk = v;
             return success();
         }},
        {"board-key", "FILE", "play: the board's secret key (newsboard keygen), signs what it sends the desk",
         [](Options& o, const std::string& v) -> Status {
             o.board_key = v;
             return success();
         }},
        {"journal", "DIR", "play: the proof-of-play journal (default STATE/plays)",
         [](Options& o, const std::string& v) -> Status {
             o.journal_dir = v;
             return success();
         }},
        {"key", "FILE", "sign: the secret key file",
         [](Options& o, const std::string& v) -> Status {
             o.key = v;
             return success();
         }},
        {"config", "FILE", "read `option = value` lines from FILE",
         [](Options& o, const std::string& v) -> Status {
             if (Status s = apply_config_file(v, o); !s) o.config_unreadable = s.error();
             return success();
         }},
    };
    return specs;
}

const OptionSpec* find(const std::string& name) {
    for (const auto& spec : table())
        if (name == spec.name) return &spec;
    return nullptr;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

Command command_named(const std::string& s) {
    if (s == "play") return Command::Play;
    if (s == "preview") return Command::Preview;
    if (s == "render") return Command::Render;
    if (s == "check") return Command::Check;
    if (s == "keygen") return Command::Keygen;
    if (s == "sign") return Command::Sign;
    if (s == "help" || s == "--help" || s == "-h") return Command::Help;
    if (s == "--version" || s == "version") return Command::Version;
    return Command::None;
}

// The option a config file's unknown or malformed line most likely meant, or nullptr.
const OptionSpec* near_spec(const std::string& name) {
    if (const OptionSpec* spec = find(name)) return spec;
    std::vector<std::string_view> names;
    for (const auto& s : table()) names.push_back(s.name);
    const auto near = playlist::closest(name, names);
    return near ? find(std::string(*near)) : nullptr;
}

// A config line that meant to narrow trust but cannot be read narrows it to nothing: true if
// `spec` is such an option and the line was dealt with so (a located warning says what).
bool fail_closed(const OptionSpec* spec, const std::string& where, Options& options, const std::string& why) {
    if (!spec || !spec->fail_closed) return false;
    spec->fail_closed(options, where);
    options.origin[spec->name] = where;
    options.warnings.push_back(where + "warning: " + why + "; as it was meant to set " + spec->name +
                               ", the board takes no edition until the line is fixed (it keeps what it has)");
    return true;
}

// Keeps where a line ignored in a config file most likely meant option `spec` (the first such).
void note_near_miss(const OptionSpec* spec, const std::string& where, Options& options) {
    if (spec) options.near_miss.emplace(spec->name, where);
}

}  // namespace

std::string no_playlist_id(const std::string& where) {
    std::string at = where;
    while (!at.empty() && (at.back() == ' ' || at.back() == ':')) at.pop_back();
    return "(no valid playlist-id at " + at + ")";
}

// The line without its comment: '#' at the start or after a blank, not inside a word or URL.
std::string strip_comment(const std::string& line) {
    for (std::size_t i = 0; i < line.size(); ++i)
        if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return line.substr(0, i);
    return line;
}

Status apply_config_file(const std::string& path, Options& options) {
    auto text = file::read(path, size_limits::kMaxConfigBytes);
    if (!text) return fail(text.error());
    options.config_files.push_back(path);
    std::istringstream in(*text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string t = trim(strip_comment(line));
        if (t.empty()) continue;
        const auto eq = t.find('=');
        const std::size_t column = line.find_first_not_of(" \t") + 1;
        const std::string where = path + ":" + std::to_string(number) + ":" + std::to_string(column) + ": ";
        if (eq == std::string::npos) {
            const std::string word = t.substr(0, t.find_first_of(" \t"));
            const OptionSpec* meant = near_spec(word);
            note_near_miss(meant, where, options);
            if (fail_closed(meant, where, options, "expected `option = value`")) continue;
            options.warnings.push_back(where + "warning: expected `option = value`; line ignored");
            continue;
        }
        const std::string name = trim(t.substr(0, eq));
        const std::string value = trim(t.substr(eq + 1));
        const OptionSpec* spec = find(name);
        if (!spec || name == "config") {
            std::vector<std::string_view> names;
            for (const auto& s : table())
                if (std::string_view(s.name) != "config") names.push_back(s.name);
            const auto near = playlist::closest(name, names);
            const OptionSpec* meant = near_spec(name);
            note_near_miss(meant, where, options);
            if (fail_closed(meant, where, options, "unknown option \"" + utf8::scrub(name) + "\"")) continue;
            options.warnings.push_back(where + "warning: unknown option \"" + utf8::scrub(name) + "\" ignored" +
                                       (near ? "; did you mean \"" + std::string(*near) + "\"?" : std::string()));
            continue;
        }
        if (Status s = spec->set(options, value); !s) {
            note_near_miss(spec, where, options);
            if (fail_closed(spec, where, options, utf8::scrub(s.error()))) continue;
            options.warnings.push_back(where + "warning: " + utf8::scrub(s.error()) + "; line ignored");
            continue;
        }
        options.origin[name] = where;
        options.value_origin[{name, value}] = where;
    }
    return success();
}

std::string missing_source_error(const Options& o) {
    std::string why = "missing SOURCE (a playlist file or URL, or `source =` in a --config file)";
    for (const auto& w : o.warnings) why += "\n" + w;  // a `source =` line ignored says why
    return why;
}

std::string origin_of(const Options& o, const std::string& name) {
    const auto it = o.origin.find(name);
    return it == o.origin.end() ? std::string() : it->second;
}

std::string origin_of(const Options& o, const std::string& name, const std::string& value) {
    const auto it = o.value_origin.find({name, value});
    return it == o.value_origin.end() ? std::string() : it->second;
}

Result<Options> parse_command_line(int argc, const char* const* argv) {
    Options o;
    if (argc < 1) return fail("no command given");
    o.command = command_named(argv[0]);
    if (o.command == Command::None) return fail(std::string("unknown command \"") + argv[0] + "\"");
    if (o.command == Command::Help || o.command == Command::Version) return o;
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "-o") arg = "--output";
        if (arg == "-h" || arg == "--help") {
            o.command = Command::Help;
            return o;
        }
        if (arg.rfind("--", 0) != 0) {
            positional.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2), value;
        bool has_value = false;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
            has_value = true;
        }
        const OptionSpec* spec = find(name);
        if (!spec) return fail("unknown option --" + name);
        if (spec->metavar && !has_value) {
            if (i + 1 >= argc) return fail("--" + name + " needs a value (" + spec->metavar + ")");
            value = argv[++i];
        }
        if (Status s = spec->set(o, value); !s) return fail(s.error());
        if (name != "config") {  // the command line's, not a config file's
            o.origin.erase(name);
            o.value_origin.erase({name, value});
        }
    }
    // SOURCE on the command line wins over a `source =` line of a --config file.
    if (positional.size() > 1) return fail("too many arguments");
    if (positional.size() == 1) o.source = positional[0];
    if (o.config_unreadable) return o;  // what follows may be the file's to give
    if (o.source.empty()) {
        if (o.command == Command::Play && !o.config_files.empty()) return o;  // a board's: its cache may name it
        // keygen and sign take no SOURCE: their argument is a key's name and a playlist file.
        if (o.command == Command::Keygen) return fail("keygen needs NAME (it writes NAME.key and NAME.pub)");
        if (o.command == Command::Sign) return fail("sign needs PLAYLIST (the playlist file to sign)");
        return fail(missing_source_error(o));
    }
    if (o.command == Command::Render && o.out_dir.empty()) return fail("render needs -o DIR");
    if (o.command == Command::Sign && o.key.empty()) return fail("sign needs --key NAME.key");
    return o;
}

std::string usage_text() {
    std::string s =
        "usage:\n"
        "  newsboard play SOURCE [options]      kiosk: full screen, no cursor\n"
        "  newsboard preview SOURCE [options]   desktop window with keyboard control\n"
        "  newsboard render SOURCE -o DIR [--size WxH] [--rotate DEG] [--at TIME]\n"
        "                                       every page as DIR/NNN.png, layout.json, sheet.png\n"
        "  newsboard check SOURCE               validate; exit 0 valid, 1 invalid\n"
        "  newsboard keygen NAME                write NAME.key (secret) and NAME.pub\n"
        "  newsboard sign PLAYLIST --key NAME.key   write PLAYLIST.sig\n"
        "\nSOURCE is a playlist file or an http(s):// URL; with --config FILE it may come from a\n"
        "`source = URL` line there. A config file has `option = value` lines named as the long\n"
        "options below (flags take yes or no).\n"
        "\noptions:\n";
    for (const auto& spec : table()) {
        std::string left = std::string("  --") + spec.name + (spec.metavar ? std::string(" ") + spec.metavar : "");
        if (left.size() < 24) left.resize(24, ' ');
        s += left + " " + spec.help + "\n";
    }
    s += "\nexit codes: 0 success, 1 invalid content, 2 usage error, 3 runtime failure\n";
    return s;
}

}  // namespace nb::app
