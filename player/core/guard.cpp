#include "core/guard.h"

#include <cstdio>
#include <exception>

namespace nb {

const char* what_of_current_exception() noexcept {
    try {
        throw;
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "an exception that is not a std::exception";
    }
}

bool run_guarded(const char* thread, const std::function<void()>& body) noexcept {
    try {
        body();
        return true;
    } catch (...) {
        std::fprintf(stderr, "newsboard: error: %s: %s\n", thread, what_of_current_exception());
        return false;
    }
}

}  // namespace nb
