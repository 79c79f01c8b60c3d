#include "fleet/screenshot.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/guard.h"
#include "core/ids.h"
#include "core/time.h"
#include "fleet/board_request.h"
#include "sync/http.h"

namespace nb::fleet {

std::optional<std::string> parse_screenshot_request(std::string_view payload) noexcept {
    try {
        if (payload.size() > 1024) return std::nullopt;
        const auto j = nlohmann::json::parse(payload, nullptr, false);
        if (j.is_discarded() || !j.is_object()) return std::nullopt;
        const auto v = j.find("v");
        const auto r = j.find("request");
        if (v == j.end() || *v != 1 || r == j.end() || !r->is_string()) return std::nullopt;
        const std::string id = r->get<std::string>();
        if (id.empty() || id.size() > 64 ||
            id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") !=
                std::string::npos)
            return std::nullopt;
        return id;
    } catch (...) {
        return std::nullopt;
    }
}

Result<std::unique_ptr<Screenshots>> Screenshots::start(ScreenshotConfig config) {
    if (config.desk.empty() || config.board_id.empty() || !config.render)
        return fail("screenshots need --desk, --board-id and --board-key");
    std::unique_ptr<Screenshots> s(new Screenshots(std::move(config)));
    Screenshots* p = s.get();
    s->thread_ = std::thread([p] { run_guarded("the screenshot thread", [p] { p->run(); }); });
    return s;
}

Screenshots::Screenshots(ScreenshotConfig config) : config_(std::move(config)) {}

Screenshots::~Screenshots() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    cancel_->store(true);
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Screenshots::request(std::string id) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_ = std::move(id);
    }
    cv_.notify_all();
}

void Screenshots::log_once(const std::string& line) {
    if (line == said_) return;
    said_ = line;
    // Its words may name the desk's URL: never with a user and password in it (the journal).
    if (!line.empty()) std::fprintf(stderr, "newsboard: screenshot: %s\n", ids::hide_credentials(line).c_str());
}

void Screenshots::answer(const std::string& id) {
    auto shot = config_.render();
    if (!shot) {
        log_once("request " + id + " not answered: " + shot.error());
        return;
    }
    if (!http_) {  // made once, on this thread: later answers reuse its connection to the desk
        auto made = desk_http(config_.user_agent, config_.ca_file, cancel_);
        if (!made) {
            log_once(made.error());
            return;
        }
        http_.emplace(std::move(*made));
    }
    const std::string path = "/api/fleet/boards/" + config_.board_id + "/screenshot";
    const auto now = nb::now();
    const auto r = desk_post(config_.desk, path, std::move(shot->bytes), shot->content_type, config_.board_id,
                             &config_.board_key, static_cast<long long>(now.time_since_epoch().count()),
                             {"X-Screenshot-Request: " + id});
    const auto got = http_->post(r, now);
    if (got.failure) {
        log_once("request " + id + " not answered: " + got.failure->text());
        return;
    }
    log_once("");
    std::fprintf(stderr, "newsboard: screenshot: request %s answered (%zu bytes)\n", id.c_str(), r.body.size());
}

void Screenshots::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    std::optional<Clock::time_point> last;
    while (true) {
        cv_.wait(lock, [this] { return stop_ || pending_; });
        if (stop_) return;
        // The rate limit: a request within `gap` of the last answer waits for it to pass.
        if (last && cv_.wait_until(lock, *last + config_.gap, [this] { return stop_; })) return;
        const std::string id = std::move(*pending_);
        pending_.reset();
        lock.unlock();
        last = Clock::now();
        answer(id);
        lock.lock();
    }
}

}  // namespace nb::fleet
