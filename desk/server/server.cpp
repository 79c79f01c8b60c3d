// The HTTP side: cpp-httplib in, Router + policy in the middle, Reply out. Every request goes
// through handle(): the facts are gathered, decide() (policy.h) rules, and only then is a
// body read — streamed, and stopped at the route's limit, whether it has a Content-Length or
// comes chunked (cpp-httplib 0.11 does not limit a chunked body by itself).
#include "server.h"

#include <SDL_image.h>
#include <httplib.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>

#include "core/file.h"
#include "core/limits.h"
#include "core/time.h"
#include "desk.h"
#include "fleet_routes.h"
#include "head_deadline.h"
#include "session.h"

#ifndef NEWSBOARD_DESK_WEB_DIR_BUILD
#define NEWSBOARD_DESK_WEB_DIR_BUILD ""
#endif
#ifndef NEWSBOARD_DESK_WEB_DIR_INSTALL
#define NEWSBOARD_DESK_WEB_DIR_INSTALL "/usr/share/newsboard-desk/web"
#endif

namespace nb::desk {

namespace {

// Sent with every response, errors included. The page is plain files from 'self': no inline
// script or style, no frames, no plugins; pictures may also be data: and blob: URLs (a
// photo's preview before it is uploaded).
const httplib::Headers kSecurityHeaders = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
     "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
    {"Cache-Control", "no-store"},
};

constexpr std::size_t kWorkers = 32;
// cpp-httplib (the library as Debian builds it) listens with a backlog of 5: a page asking
// for a dozen thumbnails at once, one connection each, overflowed it and the kernel dropped
// connections — delayed by a second, or lost when the handshake's last ACK was dropped.
constexpr int kListenBacklog = 256;
// A request head (line and headers, a few hundred bytes, in one or two packets) takes
// milliseconds, or a second or two where a lost packet is sent again; nginx in front passes
// it on whole. One still coming after this is a slow client holding a worker
// (head_deadline.h): 40 of them dribbling a byte a second, at 20 s, kept staff waiting 21 s
// for every request (tests/bench/desk_slowloris.py). While as many heads are coming as there
// are workers, every worker may be held: then a second is all a head gets.
constexpr std::chrono::seconds kHeadDeadline{5};
constexpr std::chrono::seconds kCrowdedHeadDeadline{1};

std::int64_t unix_now() { return std::chrono::duration_cast<std::chrono::seconds>(nb::now().time_since_epoch()).count(); }

std::optional<std::uint64_t> parse_length(const std::string& s) {
    if (s.empty() || s.size() > 19 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return std::stoull(s);
}

// The query's parameters as the client wrote them (the first of a repeated one). cpp-httplib
// reads a '+' as a space, as an HTML form sends one; no parameter of the desk holds a space,
// and an offset typed as written (at=2026-04-08T09:00:00+08:00) was refused as "no UTC offset".
std::map<std::string, std::string> query_of(const std::string& target) {
    std::map<std::string, std::string> query;
    const auto start = target.find('?');
    if (start == std::string::npos) return query;
    std::size_t pos = start + 1;
    while (pos <= target.size()) {
        std::size_t end = target.find('&', pos);
        if (end == std::string::npos) end = target.size();
        const std::string part = target.substr(pos, end - pos);
        const auto eq = part.find('=');
        if (!part.empty()) {
            query.emplace(httplib::detail::decode_url(part.substr(0, eq), false),
                          eq == std::string::npos ? std::string() : httplib::detail::decode_url(part.substr(eq + 1), false));
        }
        pos = end + 1;
    }
    return query;
}

std::string first_header(const httplib::Request& req, const char* name) {
    return req.has_header(name) ? req.get_header_value(name) : std::string();
}

// The session the cookie names, if it is still alive.
std::optional<Session> current_session(Desk& desk, const httplib::Request& req) {
    std::optional<Session> s;
    std::string hash;
    for (const auto& token : session_tokens_from_cookies(first_header(req, "Cookie"))) {
        hash = token_hash(token);
        if ((s = desk.store.find_session(hash))) break;
    }
    if (!s) return std::nullopt;
    std::int64_t now = unix_now();
    if (now - s->last_seen > std::chrono::seconds(kSessionIdle).count() ||
        now - s->created > std::chrono::seconds(kSessionLifetime).count()) {
        desk.store.remove_session(hash);
        return std::nullopt;
    }
    if (now - s->last_seen >= kSessionTouchEvery.count()) desk.store.touch_session(hash, now);
    return s;
}

enum class ReadResult { Ok, TooLarge, TooSlow, Broken };

// A body dribbled in a byte at a time would hold its worker for ever (the read timeout is per
// byte, as for heads: head_deadline.h). After a grace period a body must have come at a
// modest average rate — a 64 MiB upload may still take over an hour.
class BodyPace {
  public:
    bool too_slow(std::uint64_t received) const {
        auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start_);
        return elapsed > kGrace && received < static_cast<std::uint64_t>(elapsed.count()) * kMinBytesPerSecond;
    }

  private:
    static constexpr std::chrono::seconds kGrace{20};
    static constexpr std::uint64_t kMinBytesPerSecond = 16 * 1024;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

ReadResult read_json_body(const httplib::ContentReader& reader, std::uint64_t limit, std::string& out) {
    bool too_large = false, too_slow = false;
    BodyPace pace;
    bool ok = reader([&](const char* data, std::size_t n) {
        if (out.size() + n > limit) {
            too_large = true;
            return false;
        }
        out.append(data, n);
        too_slow = pace.too_slow(out.size());
        return !too_slow;
    });
    if (too_large) return ReadResult::TooLarge;
    if (too_slow) return ReadResult::TooSlow;
    return ok ? ReadResult::Ok : ReadResult::Broken;
}

// Streams the one file of a multipart form to DIR/tmp, stopping at `limit` bytes of body.
ReadResult read_upload(const httplib::ContentReader& reader, std::uint64_t limit, const std::string& tmp_dir,
                       Upload& upload, std::string& error) {
    std::uint64_t total = 0;
    int files = 0;
    bool too_large = false, too_slow = false;
    BodyPace pace;
    std::FILE* out = nullptr;
    std::string path = tmp_dir + "/upload." + random_token().substr(0, 16);
    bool ok = reader(
        [&](const httplib::MultipartFormData& part) {
            if (part.filename.empty()) return true;  // a plain field: ignored
            if (++files > 1) {
                error = "send one file per upload";
                return false;
            }
            upload.filename = part.filename;
            out = std::fopen(path.c_str(), "wbx");
            if (!out) {
                error = "cannot store the upload";
                return false;
            }
            upload.temp_path = path;
            return true;
        },
        [&](const char* data, std::size_t n) {
            total += n;
            if (total > limit) {
                too_large = true;
                return false;
            }
            if (pace.too_slow(total)) {
                too_slow = true;
                return false;
            }
            if (!out) return true;  // a field's value
            upload.size += n;
            return std::fwrite(data, 1, n, out) == n;
        });
    if (out && std::fclose(out) != 0) ok = false;
    if (too_large) return ReadResult::TooLarge;
    if (too_slow) return ReadResult::TooSlow;
    if (!ok && error.empty()) error = "the upload was cut short or is not a well-formed form";
    if (ok && files == 0) {
        error = "the form has no file";
        ok = false;
    }
    return ok ? ReadResult::Ok : ReadResult::Broken;
}

void remove_upload(const Upload& u) {
    if (!u.temp_path.empty()) ::unlink(u.temp_path.c_str());
}

struct Dispatch {
    Desk& desk;
    const Router& router;

    Reply run(const httplib::Request& req, Call& call, const httplib::ContentReader* reader) {
        const Route* route = router.match(req.method, req.path, call.params);
        RequestFacts facts;
        facts.state_changing = req.method != "GET" && req.method != "HEAD";
        if (route) facts.route = route->policy;

        PeerHeaders peer{req.remote_addr,
                         first_header(req, "Host"),
                         first_header(req, "Origin"),
                         first_header(req, "X-Forwarded-Proto"),
                         first_header(req, "X-Forwarded-Host"),
                         first_header(req, "X-Real-IP")};
        call.client = client_view(peer, desk.options.trusted_proxies);
        facts.origin = judge_origin(peer, call.client);

        call.session = current_session(desk, req);
        if (call.session) {
            facts.session_role = call.session->user.role;
            facts.csrf = judge_csrf(first_header(req, "X-CSRF-Token"), call.session->csrf);
        }
        if (req.has_header("Content-Length")) {
            facts.content_length = parse_length(req.get_header_value("Content-Length"));
            if (!facts.content_length)
                return error_reply(400, "content_length_invalid", "Content-Length is not a number");
        }
        facts.chunked = req.has_header("Transfer-Encoding");
        std::string encoding = first_header(req, "Content-Encoding");
        facts.content_encoded = !encoding.empty() && encoding != "identity";

        Verdict verdict = decide(facts);
        if (!verdict.allowed()) return error_reply(verdict.status, verdict.code, verdict.error);

        call.header = [&req](const std::string& name) { return first_header(req, name.c_str()); };
        // A board's headers and standing are judged before its body is read.
        if (route->policy.access == Access::Board) {
            if (auto refused = board_gate(desk, call)) return *refused;
        }
        if (route->policy.body != Body::None) {
            if (!reader) return error_reply(400, "body_missing", "this request needs a body");
            if (route->policy.body == Body::Json || route->policy.body == Body::Bytes) {
                switch (read_json_body(*reader, route->policy.max_body_bytes, call.body)) {
                    case ReadResult::TooLarge: return too_large(route->policy);
                    case ReadResult::TooSlow: return too_slow();
                    case ReadResult::Broken:
                        return error_reply(400, "body_cut_short", "the request body was cut short");
                    case ReadResult::Ok: break;
                }
            } else {
                // cpp-httplib's multipart reader has no receiver for any other body.
                if (!req.is_multipart_form_data()) {
                    return error_reply(415, "upload_not_multipart", "send the file as multipart/form-data", "file");
                }
                std::string error;
                auto r = read_upload(*reader, route->policy.max_body_bytes, desk.dir.tmp_dir(), call.upload, error);
                if (r != ReadResult::Ok) {
                    remove_upload(call.upload);
                    if (r == ReadResult::TooLarge) return too_large(route->policy);
                    return r == ReadResult::TooSlow ? too_slow() : error_reply(400, "upload_malformed", error, "file");
                }
            }
        }
        call.query = query_of(req.target);
        Reply reply = route->handler(call);
        remove_upload(call.upload);
        return reply;
    }

    static Reply too_slow() { return error_reply(408, "body_too_slow", "the request body came too slowly"); }

    static Reply too_large(const RoutePolicy& p) {
        return error_reply(413, "body_too_large",
                           "too large: at most " + std::to_string(p.max_body_bytes / (1024 * 1024)) + " MiB");
    }
};

void send(const Reply& reply, httplib::Response& res) {
    res.status = reply.status;
    for (const auto& [name, value] : reply.headers) {
        if (name != "Set-Cookie") res.headers.erase(name);
        res.headers.emplace(name, value);
    }
    res.set_content(reply.body, reply.content_type.c_str());
}

std::string resolve_web_dir(const std::string& option) {
    if (!option.empty()) return option;
    if (const char* env = std::getenv("NEWSBOARD_DESK_WEB_DIR"); env && *env) return env;
    std::string build = NEWSBOARD_DESK_WEB_DIR_BUILD;
    if (!build.empty() && file::exists(build)) return build;
    return NEWSBOARD_DESK_WEB_DIR_INSTALL;
}

Result<sign::SecretKey> load_key(const DeskDir& dir) {
    struct stat st{};
    if (::stat(dir.secret_key().c_str(), &st) != 0) return fail(dir.secret_key() + " is missing");
    if (st.st_mode & 077) {
        return fail(dir.secret_key() + " can be read by others: chmod 600 it (and consider making a new key)");
    }
    auto text = file::read(dir.secret_key(), size_limits::kMaxKeyFileBytes);
    if (!text) return fail(text.error());
    return sign::parse_secret(text.value(), dir.secret_key());
}

}  // namespace

void audit(Desk& desk, const Call& call, const std::string& action, const std::string& target, const std::string& detail) {
    desk.store.audit(AuditEntry{0, "", call.session ? call.session->user.name : std::string(), call.client.address,
                                action, target, detail});
}

int serve(const ServeCommand& cmd) {
    // Fewer malloc arenas than glibc's 8 per core: the desk's threads mostly wait, and each
    // arena keeps freed preview memory of its own.
    ::mallopt(M_ARENA_MAX, 2);
    DeskDir dir{cmd.dir};
    auto store = Store::open(dir.database());
    if (!store) {
        std::cerr << "newsboard-desk: " << store.error() << "\n";
        return kExitRuntime;
    }
    auto key = load_key(dir);
    if (!key) {
        std::cerr << "newsboard-desk: " << key.error() << "\n";
        return kExitRuntime;
    }
    auto previewer = Previewer::create(dir.tmp_dir());
    if (!previewer) {
        std::cerr << "newsboard-desk: fonts: " << previewer.error() << "\n";
        return kExitRuntime;
    }
    if (IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP) == 0) {
        std::cerr << "newsboard-desk: warning: SDL_image: " << IMG_GetError() << "\n";
    }
    Desk desk{dir,
              cmd,
              std::move(store.value()),
              key.value(),
              resolve_web_dir(cmd.web_dir),
              nullptr,
              std::move(previewer.value()),
              {},
              {}};

    Router router;
    add_auth_routes(router, desk);
    add_group_routes(router, desk);
    add_draft_routes(router, desk);
    add_media_routes(router, desk);
    add_preview_routes(router, desk);
    add_edition_routes(router, desk);
    add_admin_routes(router, desk);
    add_paste_routes(router, desk);
    add_fleet_routes(router, desk);
    add_static_routes(router, desk);  // last: it takes any other GET

    // SIGTERM/SIGINT go to one thread that stops the server; every other thread blocks them.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    // After the mask: libmosquitto's thread must not take the stop signals either.
    auto doorbell = make_doorbell({cmd.broker, cmd.broker_user, cmd.broker_password_file, cmd.broker_ca_file}, desk.key,
                                  [&desk](const std::vector<fleet::StoredStatus>& batch) { fleet::put_statuses(desk.store, batch); });
    if (!doorbell) {
        std::cerr << "newsboard-desk: " << doorbell.error() << "\n";
        return kExitRuntime;
    }
    desk.doorbell = std::move(doorbell.value());

    httplib::Server svr;
    // Previews wait for each other (one renders at a time); enough workers that sign-ins,
    // saves and reads never queue behind them.
    svr.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
    // One request per connection: a refused request's unread body can never be taken for the
    // next request. Staff are few; nginx in front keeps its own connections to browsers.
    svr.set_keep_alive_max_count(1);
    svr.set_payload_max_length(kMaxUploadBody);
    svr.set_read_timeout(std::chrono::seconds(30));
    svr.set_write_timeout(std::chrono::seconds(30));
    svr.set_default_headers(kSecurityHeaders);

    Dispatch dispatch{desk, router};
    std::unique_ptr<HeadDeadline> head_deadline;  // made once the port is known, before any request
    auto handle = [&](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader) {
        head_deadline->arrived(req.remote_addr, req.remote_port);
        auto started = std::chrono::steady_clock::now();
        Call call;
        call.method = req.method;
        call.path = req.path;
        Reply reply;
        try {
            reply = dispatch.run(req, call, reader);
        } catch (const std::exception& e) {
            std::cerr << "newsboard-desk: " << req.method << " " << req.path << ": " << e.what() << "\n";
            reply = error_reply(500, "desk_failed", "the desk failed; its log says why");
            remove_upload(call.upload);
        }
        send(reply, res);
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        std::cerr << call.client.address << " " << (call.session ? call.session->user.name : "-") << " " << req.method
                  << " " << req.path << " " << reply.status << " " << ms << "ms\n";
    };
    auto with_body = [&](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
        handle(req, res, &reader);
    };
    auto without_body = [&](const httplib::Request& req, httplib::Response& res) { handle(req, res, nullptr); };
    svr.Get(".*", without_body);
    svr.Post(".*", with_body);
    svr.Put(".*", with_body);
    svr.Delete(".*", with_body);
    // No route takes any other method, but cpp-httplib reads a PATCH's or PRI's body (up to
    // the payload limit, into memory) before its own answer: the desk's policy refuses them
    // first, unread (404, no such route), as it does any unknown route.
    svr.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
        for (const char* routed : {"GET", "HEAD", "POST", "PUT", "DELETE"}) {
            if (req.method == routed) return httplib::Server::HandlerResponse::Unhandled;
        }
        handle(req, res, nullptr);
        return httplib::Server::HandlerResponse::Handled;
    });
    // curl and some clients ask before sending a large body: answer from the same rules, so a
    // refused upload is never sent at all.
    svr.set_expect_100_continue_handler([&](const httplib::Request& req, httplib::Response& res) {
        std::vector<std::string> params;
        const Route* route = router.match(req.method, req.path, params);
        if (route && req.has_header("Content-Length")) {
            auto len = parse_length(req.get_header_value("Content-Length"));
            if (len && *len > route->policy.max_body_bytes) {
                send(Dispatch::too_large(route->policy), res);
                return 413;
            }
        }
        return 100;
    });
    // Errors cpp-httplib makes itself (a malformed request line, say) get a JSON body too.
    svr.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty())
            send(error_reply(res.status, "request_malformed",
                             "the request is malformed (HTTP " + std::to_string(res.status) + ")"),
                 res);
    });

    // cpp-httplib's own socket options add SO_REUSEPORT, which let a second desk bind the same
    // port and take half of the first one's requests; SO_REUSEADDR alone still allows a quick
    // restart. The socket is remembered to deepen its listen queue once bound.
    int listen_socket = -1;
    svr.set_socket_options([&listen_socket](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        listen_socket = sock;
    });
    int port = cmd.port;
    if (port == 0) {
        port = svr.bind_to_any_port(cmd.host);
        if (port < 0) port = -1;
    } else if (!svr.bind_to_port(cmd.host, port)) {
        port = -1;
    }
    if (port < 0) {
        std::cerr << "newsboard-desk: cannot listen on " << cmd.host << ":" << cmd.port << " (in use, or not an address here)\n";
        return kExitRuntime;
    }
    // Listening again on a listening socket only changes its backlog.
    if (::listen(listen_socket, kListenBacklog) != 0) {
        std::cerr << "newsboard-desk: warning: the listen queue stays short: " << std::strerror(errno) << "\n";
    }
    head_deadline = std::make_unique<HeadDeadline>(port, HeadDeadline::Deadlines{kHeadDeadline, kCrowdedHeadDeadline, kWorkers});
    std::cout << "newsboard-desk: listening on http://" << cmd.host << ":" << port << "\n" << std::flush;

    // The janitor: a kept preview preparation goes after a minute without previews.
    std::mutex janitor_mutex;
    std::condition_variable janitor_wake;
    bool stopping = false;
    std::thread janitor([&] {
        std::unique_lock<std::mutex> lock(janitor_mutex);
        while (!janitor_wake.wait_for(lock, std::chrono::seconds(10), [&] { return stopping; })) {
            desk.previewer->release_if_idle(std::chrono::seconds(60));
        }
    });
    // httplib's stop() does nothing until listen_after_bind() has marked the server running: a
    // SIGTERM that came in between (just after the line above) was lost, and the desk never
    // ended. So the stopper asks again until the server runs, and stops it then.
    std::atomic<bool> ended{false};
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        while (!ended.load()) {
            if (svr.is_running()) {
                svr.stop();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));  // the microseconds before listen starts
        }
    });
    bool ok = svr.listen_after_bind();
    ended = true;
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes it if the server ended by itself
    stopper.join();
    {
        std::lock_guard<std::mutex> lock(janitor_mutex);
        stopping = true;
    }
    janitor_wake.notify_one();
    janitor.join();
    std::cerr << "newsboard-desk: stopped\n";
    IMG_Quit();
    return ok ? kExitOk : kExitRuntime;
}

}  // namespace nb::desk
