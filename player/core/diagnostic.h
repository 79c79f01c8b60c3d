// Compiler-style diagnostics: "PATH:LINE:COL: error: MESSAGE", one per line on stderr,
// so editors and CI can jump to them. Lines and columns are 1-based; columns count
// Unicode code points, not bytes.
#pragma once

#include <string>
#include <vector>

namespace nb {

enum class Severity { Error, Warning };

struct Location {
    std::string path;
    int line = 0;    // 0: the whole file
    int column = 0;  // 0: the whole line
};

struct Diagnostic {
    Severity severity = Severity::Error;
    Location where;
    std::string message;

    std::string format() const;
};

class Diagnostics {
public:
    void error(Location where, std::string message);
    void warning(Location where, std::string message);
    void add(Diagnostic d);
    void append(const Diagnostics& other);

    bool has_errors() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
    const std::vector<Diagnostic>& all() const { return items_; }
    bool empty() const { return items_.empty(); }

    // Writes every diagnostic, one per line, to stderr.
    void print() const;

private:
    std::vector<Diagnostic> items_;
};

}  // namespace nb
