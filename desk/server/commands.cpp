// Runs the parsed `newsboard-desk` command.
#include <unistd.h>

#include <iostream>
#include <string>

#include "cli.h"
#include "desk_dir.h"
#include "password.h"
#include "server.h"
#include "totp.h"

namespace nb::desk {

namespace {

int fail_with(int code, const std::string& message) {
    std::cerr << "newsboard-desk: " << message << "\n";
    return code;
}

// The password is the first line of stdin (a script pipes it; nothing lands in argv or
// the shell history).
std::string read_password() {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

int run_init(const InitCommand& cmd) {
    DeskDir dir{cmd.dir};
    if (auto s = init_desk(dir, cmd.groups); !s) return fail_with(kExitRuntime, s.error());
    std::cout << "a new desk in " << cmd.dir << "\n"
              << "  boards trust: " << dir.public_key() << "\n"
              << "  nginx serves: " << dir.public_dir() << "/\n"
              << "next: newsboard-desk user add " << cmd.dir << " NAME --role admin\n";
    return kExitOk;
}

int run_user_add(const UserAddCommand& cmd) {
    if (cmd.name.empty() || cmd.name.size() > 64 || !is_user_name(cmd.name)) {
        return fail_with(kExitInvalid, "user name \"" + cmd.name + "\": 1 to 64 characters, no spaces, slashes or control characters");
    }
    std::string password = read_password();
    if (auto s = check_new_password(password); !s) return fail_with(kExitInvalid, s.error());
    auto store = Store::open(DeskDir{cmd.dir}.database());
    if (!store) return fail_with(kExitRuntime, store.error());
    auto hash = hash_password(password);
    if (!hash) return fail_with(kExitRuntime, hash.error());
    if (auto s = store->add_user(cmd.name, cmd.role, hash.value()); !s) return fail_with(kExitInvalid, s.error());
    store->audit(AuditEntry{0, "", "", "cli", "user.add", cmd.name, to_string(cmd.role)});
    std::cout << "added " << to_string(cmd.role) << " " << cmd.name << "\n";
    return kExitOk;
}

int run_user_totp(const UserTotpCommand& cmd) {
    auto store = Store::open(DeskDir{cmd.dir}.database());
    if (!store) return fail_with(kExitRuntime, store.error());
    auto user = store->find_user(cmd.name);
    if (!user) return fail_with(kExitInvalid, "no user called " + cmd.name);
    std::string secret = totp::new_secret();
    store->set_totp(user->id, secret);
    store->audit(AuditEntry{0, "", "", "cli", "user.totp", cmd.name, "second factor set"});
    std::cout << "secret: " << secret << "\n" << totp::provisioning_uri("newsboard-desk", cmd.name, secret) << "\n";
    return kExitOk;
}

}  // namespace

int run(int argc, const char* const* argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    auto parsed = parse_command_line(args);
    if (auto* e = std::get_if<UsageError>(&parsed)) {
        std::cerr << "newsboard-desk: " << e->message << "\n" << kUsage;
        return kExitUsage;
    }
    try {
        return std::visit(
            [](const auto& cmd) -> int {
                using T = std::decay_t<decltype(cmd)>;
                if constexpr (std::is_same_v<T, HelpCommand>) {
                    std::cout << kUsage;
                    return kExitOk;
                } else if constexpr (std::is_same_v<T, InitCommand>) {
                    return run_init(cmd);
                } else if constexpr (std::is_same_v<T, UserAddCommand>) {
                    return run_user_add(cmd);
                } else if constexpr (std::is_same_v<T, UserTotpCommand>) {
                    return run_user_totp(cmd);
                } else {
                    return serve(cmd);
                }
            },
            std::get<Command>(parsed));
    } catch (const std::exception& e) {
        return fail_with(kExitRuntime, e.what());
    }
}

}  // namespace nb::desk
