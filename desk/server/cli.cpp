#include "cli.h"

#include <cstdlib>

#include "doorbell.h"
#include "new_group.h"

namespace nb::desk {

const char* const kUsage =
    "usage: newsboard-desk init DIR [--group ID[=NAME]]...\n"
    "       newsboard-desk user add DIR NAME --role editor|publisher|admin   (password on stdin)\n"
    "       newsboard-desk user totp DIR NAME    (a second factor: prints the secret for an app)\n"
    "       newsboard-desk serve DIR [--listen HOST:PORT] [--broker mqtt[s]://HOST:PORT]\n"
    "                                [--broker-user NAME] [--broker-password-file FILE] [--broker-ca-file FILE]\n"
    "                                [--trusted-proxy ADDR]... [--require-totp] [--web DIR]\n"
    "Exit codes: 0 success, 1 invalid content, 2 usage error, 3 runtime failure.\n";

namespace {

using Args = std::vector<std::string>;

struct Cursor {
    const Args& args;
    std::size_t i = 0;
    bool done() const { return i >= args.size(); }
    const std::string& next() { return args[i++]; }
};

std::variant<Command, UsageError> usage(std::string message) { return UsageError{std::move(message)}; }

std::variant<Group, UsageError> parse_group(const std::string& spec) {
    auto eq = spec.find('=');
    Group g{spec.substr(0, eq), eq == std::string::npos ? spec.substr(0, eq) : spec.substr(eq + 1)};
    if (!is_group_id(g.id)) {
        return UsageError{"--group " + spec + ": the id before '=' takes 1 to 64 of A-Z a-z 0-9 _ - "
                          "(it names the public file); a name for people goes after it: --group park=公园"};
    }
    if (g.name.empty()) g.name = g.id;
    if (auto problem = group_name_problem(g)) {
        return UsageError{"--group " + g.id + ": the name after '=' is the starter draft's title and headline: " +
                          *problem};
    }
    return g;
}

std::variant<Command, UsageError> parse_init(Cursor c) {
    InitCommand cmd;
    while (!c.done()) {
        const std::string& a = c.next();
        if (a == "--group") {
            if (c.done()) return usage("--group needs ID[=NAME]");
            auto g = parse_group(c.next());
            if (auto* e = std::get_if<UsageError>(&g)) return *e;
            // Refused here, before init makes anything: found by the database, it left a half
            // made desk behind that the corrected command then refused as "already a desk".
            const std::string& id = std::get<Group>(g).id;
            for (const auto& earlier : cmd.groups) {
                if (earlier.id == id) return usage("--group " + id + " is given twice");
            }
            cmd.groups.push_back(std::get<Group>(g));
        } else if (a.rfind("--", 0) == 0) {
            return usage("init: unknown option " + a);
        } else if (cmd.dir.empty()) {
            cmd.dir = a;
        } else {
            return usage("init takes one DIR");
        }
    }
    if (cmd.dir.empty()) return usage("init needs DIR");
    return Command{cmd};
}

std::variant<Command, UsageError> parse_user(Cursor c) {
    if (c.done()) return usage("user needs add or totp");
    std::string verb = c.next();
    std::vector<std::string> positional;
    std::string role;
    while (!c.done()) {
        const std::string& a = c.next();
        if (a == "--role") {
            if (c.done()) return usage("--role needs editor, publisher or admin");
            // Said twice is a mistake to point out: taking the last made `--role editor --role
            // admin` an admin without a word.
            if (!role.empty()) return usage("--role is given twice");
            role = c.next();
        } else if (a.rfind("--", 0) == 0) {
            return usage("user: unknown option " + a);
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 2) return usage("user " + verb + " needs DIR NAME");
    if (verb == "add") {
        auto r = parse_role(role);
        if (!r) return usage("user add needs --role editor, publisher or admin");
        return Command{UserAddCommand{positional[0], positional[1], *r}};
    }
    if (verb == "totp") {
        if (!role.empty()) return usage("user totp takes no --role");
        return Command{UserTotpCommand{positional[0], positional[1]}};
    }
    return usage("user: unknown action " + verb + " (add, totp)");
}

bool parse_listen(const std::string& spec, ServeCommand& cmd) {
    auto colon = spec.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    std::string host = spec.substr(0, colon), port = spec.substr(colon + 1);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
    int p = std::atoi(port.c_str());
    if (p > 65535) return false;
    cmd.host = host;
    cmd.port = p;
    return true;
}

std::variant<Command, UsageError> parse_serve(Cursor c) {
    ServeCommand cmd;
    while (!c.done()) {
        const std::string& a = c.next();
        auto value = [&](const char* what) -> const std::string* {
            if (c.done()) return nullptr;
            (void)what;
            return &c.next();
        };
        if (a == "--listen") {
            const std::string* v = value("HOST:PORT");
            if (!v || !parse_listen(*v, cmd)) return usage("--listen needs HOST:PORT, e.g. 127.0.0.1:8080");
        } else if (a == "--broker") {
            const std::string* v = value("URL");
            if (!v) return usage("--broker needs mqtt://HOST:PORT or mqtts://HOST:PORT");
            if (auto a = parse_broker_url(*v); !a) return usage(a.error());
            cmd.broker = *v;
        } else if (a == "--broker-user" || a == "--broker-password-file" || a == "--broker-ca-file") {
            const std::string* v = value("VALUE");
            if (!v || v->empty()) return usage(a + " needs a value");
            (a == "--broker-user" ? cmd.broker_user : a == "--broker-ca-file" ? cmd.broker_ca_file : cmd.broker_password_file) = *v;
        } else if (a == "--trusted-proxy") {
            const std::string* v = value("ADDR");
            if (!v || v->empty()) return usage("--trusted-proxy needs an address, e.g. 127.0.0.1");
            cmd.trusted_proxies.push_back(*v);
        } else if (a == "--require-totp") {
            cmd.totp = TotpPolicy::RequiredForPublishers;
        } else if (a == "--web") {
            const std::string* v = value("DIR");
            if (!v) return usage("--web needs DIR");
            cmd.web_dir = *v;
        } else if (a.rfind("--", 0) == 0) {
            return usage("serve: unknown option " + a);
        } else if (cmd.dir.empty()) {
            cmd.dir = a;
        } else {
            return usage("serve takes one DIR");
        }
    }
    if (cmd.dir.empty()) return usage("serve needs DIR");
    return Command{cmd};
}

}  // namespace

std::variant<Command, UsageError> parse_command_line(const Args& args) {
    if (args.empty()) return usage("no command given");
    const std::string& verb = args[0];
    if (verb == "--help" || verb == "-h" || verb == "help") return Command{HelpCommand{}};
    Cursor rest{args, 1};
    if (verb == "init") return parse_init(rest);
    if (verb == "user") return parse_user(rest);
    if (verb == "serve") return parse_serve(rest);
    return usage("unknown command " + verb);
}

}  // namespace nb::desk
