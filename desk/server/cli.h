// The `newsboard-desk` command line: parsing is pure (tests feed it argv), running is in
// commands.cpp. Exit codes as for `newsboard`.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "store.h"

namespace nb::desk {

enum Exit : int { kExitOk = 0, kExitInvalid = 1, kExitUsage = 2, kExitRuntime = 3 };

enum class TotpPolicy { Optional, RequiredForPublishers };

struct InitCommand {
    std::string dir;
    std::vector<Group> groups;
};

struct UserAddCommand {
    std::string dir;
    std::string name;
    Role role = Role::Editor;
};

struct UserTotpCommand {
    std::string dir;
    std::string name;
};

struct ServeCommand {
    std::string dir;
    std::string host = "127.0.0.1";
    int port = 8080;                          // 0: any free port (printed at start)
    std::string broker;                       // mqtt[s]://host:port: doorbells and board statuses
    std::string broker_user, broker_password_file, broker_ca_file;
    std::vector<std::string> trusted_proxies; // peers whose X-Forwarded-* headers are believed
    TotpPolicy totp = TotpPolicy::Optional;
    std::string web_dir;                      // "" : the installed or build-tree desk/web
};

struct HelpCommand {};

using Command = std::variant<HelpCommand, InitCommand, UserAddCommand, UserTotpCommand, ServeCommand>;

struct UsageError {
    std::string message;
};

std::variant<Command, UsageError> parse_command_line(const std::vector<std::string>& args);

extern const char* const kUsage;

int run(int argc, const char* const* argv);

}  // namespace nb::desk
