// Screenshots on request (docs/fleet.md): the desk asks on newsboard/board/ID/screenshot, the
// board renders the page on screen with its own renderer (the owner's `render` function, run
// here on this object's thread, never on the frame loop's), and POSTs it signed to the desk.
// At most one every `gap` (10 s): requests in between are answered together by the next one,
// so a hostile broker cannot make a board render or upload more often.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "core/result.h"
#include "sign/sign.h"
#include "sync/http.h"

namespace nb::fleet {

// The request id of a `{"v":1,"request":"<id>"}` payload: 1 to 64 of [A-Za-z0-9_-] (it goes
// back in a header). Nothing for anything else. Never throws.
std::optional<std::string> parse_screenshot_request(std::string_view payload) noexcept;

struct Shot {
    std::string bytes;  // a JPEG or PNG, ≤ 640 px on its long side, ≤ 512 KiB
    std::string content_type;
};

struct ScreenshotConfig {
    std::string desk;  // http(s)://HOST[:PORT][/prefix]
    std::string board_id;
    sign::SecretKey board_key;
    std::string ca_file, user_agent;
    std::function<Result<Shot>()> render;  // the page on screen, small
    std::chrono::milliseconds gap{10000};
};

class Screenshots {
  public:
    static Result<std::unique_ptr<Screenshots>> start(ScreenshotConfig config);
    ~Screenshots();
    Screenshots(const Screenshots&) = delete;
    Screenshots& operator=(const Screenshots&) = delete;

    // A request off the broker (any thread; returns at once). The newest id is answered.
    void request(std::string id);

  private:
    using Clock = std::chrono::steady_clock;
    explicit Screenshots(ScreenshotConfig config);
    void run();
    void answer(const std::string& id);
    void log_once(const std::string& line);

    ScreenshotConfig config_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::optional<std::string> pending_;
    std::shared_ptr<std::atomic<bool>> cancel_ = std::make_shared<std::atomic<bool>>(false);
    std::string said_;
    std::optional<sync::Http> http_;  // the thread's only: made at its first answer, then reused
    std::thread thread_;  // last
};

}  // namespace nb::fleet
