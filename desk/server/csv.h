// CSV for spreadsheets (RFC 4180): every cell quoted, quotes doubled, and a cell that a
// spreadsheet would take for a formula (starting with = + - @, or a tab or CR) prefixed with
// ' so it stays text — board and item ids come from boards, which are not to be trusted.
#pragma once

#include <string>
#include <vector>

namespace nb::desk {

std::string csv_cell(const std::string& text);
std::string csv_row(const std::vector<std::string>& cells);  // ends with CRLF

}  // namespace nb::desk
