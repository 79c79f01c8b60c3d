// Every setting is declared once, in options.cpp's table, with its type, default and help:
// the table feeds the command line, --help, the --config file and the defaults.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "show/display_off.h"

namespace nb::app {

enum class Command { None, Play, Preview, Render, Check, Keygen, Sign, Help, Version };

enum ExitCode : int { kOk = 0, kInvalidContent = 1, kUsage = 2, kRuntime = 3 };

struct Options {
    Command command = Command::None;
    std::string source;            // playlist path or URL; for keygen the key NAME
    std::string out_dir;           // render -o
    int width = 1920, height = 1080;
    int rotate_deg = 0;
    std::optional<std::string> at;  // render --at TIME (RFC 3339)
    std::string cache_dir;
    int cache_max_mb = 0;  // 0: no limit
    std::vector<std::string> trusted_keys;
    // Where a --config line meant for trusted-key could not be read ("FILE:LINE:COL: ": a
    // misspelt name, no `=`): the key it named is unknown, so the board must trust none rather
    // than the others, or none at all and exit 2 (app/source.h trusted_keys()).
    std::vector<std::string> trusted_key_lines_unread;
    // play/preview URL without --trusted-key refuse to start unless this is Allow.
    enum class Unsigned { Refuse, Allow } unsigned_content = Unsigned::Refuse;
    // --still-pictures: gallery pictures stand still even where the board could move them.
    enum class Pictures { Drift, Still } pictures = Pictures::Drift;
    std::string state_dir;    // --state; empty: sync::default_state_dir()
    std::string playlist_id;  // --playlist-id; empty: any
    std::string ca_file;      // --ca-file; empty: the system's CA certificates
    int poll_s = 60;
    std::string board_id;
    std::string status_file;
    std::string key;  // sign --key
    show::DisplayOff display_off;  // play: hours with the panel dark
    // play: the fleet (docs/fleet.md). Without broker and desk the board is as it always was.
    enum class Screen { Display, Headless } screen = Screen::Display;  // --headless: no window at all
    std::string broker;                // --broker mqtt://HOST:PORT or mqtts://
    std::string broker_user;           // --broker-user
    std::string broker_password_file;  // --broker-password-file
    std::string group;                 // --group; empty: --playlist-id
    std::string desk;                  // --desk URL
    std::string board_key;             // --board-key FILE
    std::string journal_dir;           // --journal; empty: STATE/plays
    // Located warnings from --config files ("FILE:LINE:COL: warning: …"), printed at start-up
    // and kept in the status file.
    std::vector<std::string> warnings;
    // Where a --config file set an option ("FILE:LINE:COL: "), by its long name; nothing for the
    // command line. Later problems with it (app/fleet_setup.h) are located there.
    std::map<std::string, std::string> origin;
    // The same by (name, value), for each value of a repeatable option (--trusted-key): one
    // named on the command line has none, even when a config file names another.
    std::map<std::pair<std::string, std::string>, std::string> value_origin;
    // Why a --config file could not be read ("cannot open FILE: …"), or nothing. Not a usage
    // error for `play`: the file may yet come (a late mount, a fix of its permissions), so it
    // exits 3 and the unit tries again, where exit 2 would keep the board dark for good
    // (config_unreadable_command()). Parsing stops at SOURCE's check: the file would name it.
    std::optional<std::string> config_unreadable;
    // The --config files read, in order. `play` with one but no SOURCE is a board whose `source =`
    // line was lost: it resumes from its cache (app/cached_source.h) instead of a usage error.
    std::vector<std::string> config_files;
    // Where a config file's line that most likely meant option `name` was ignored (a misspelt
    // name, no `=`), by that name: "FILE:LINE:COL: ", the first such line.
    std::map<std::string, std::string> near_miss;
    // play: SOURCE is the URL the board's cache recorded, as the config file named none
    // (app/cached_source.h): where and why ("FILE:LINE:COL: no `source =` line …").
    std::optional<std::string> source_lost;
};

// What --playlist-id becomes when a config file's value is not an id (`where` is its
// "FILE:LINE:COL: "): never a playlist's id (those are checked), so the board takes no edition
// instead of any group's. The same for a line that misspells the option.
std::string no_playlist_id(const std::string& where);

// "missing SOURCE …", with the config files' warnings that may say why (a `source =` line ignored).
std::string missing_source_error(const Options& o);

// "FILE:LINE:COL: " where a config file set option `name`, or "" (the command line).
std::string origin_of(const Options& o, const std::string& name);
// "FILE:LINE:COL: " where a config file gave option `name` this `value`, or "".
std::string origin_of(const Options& o, const std::string& name, const std::string& value);

// Parses argv (after the program name). Errors are usage errors (exit 2). `play` with a
// --config file and no SOURCE is no error here: Options::source stays empty for the board's
// cache to fill (app/cached_source.h), or for missing_source_error() when it cannot.
Result<Options> parse_command_line(int argc, const char* const* argv);

// `option = value` lines; names are the long options without dashes. '#' starts a comment at
// the start of a line or after blank space only, so `source = https://x/p.json#top` keeps its
// '#'. An unknown option, a bad value of a known one and a line that is not `option = value`
// are located warnings in options.warnings, and the line is ignored (the option keeps its
// default), except for an option that narrows trust (--playlist-id), where it narrows to
// nothing (no_playlist_id()) instead of widening to the default: a board whose configuration has a typo or names an option of a newer version must
// still play (exit 2 would keep it dark for good under RestartPreventExitStatus=2). A person's
// mistake on the command line stays a usage error. An unreadable file is an error (which
// parse_command_line keeps in Options::config_unreadable).
Status apply_config_file(const std::string& path, Options& options);

std::string usage_text();

}  // namespace nb::app
