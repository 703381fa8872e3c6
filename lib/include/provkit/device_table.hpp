// Device tables for bulk generation - CSV with a header row (RFC 4180) or JSON Lines, one device
// per row - read as a stream, so memory does not grow with the number of rows; MAC normalisation.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace provkit {

enum class TableFormat { csv, jsonl };

// Column names in first-seen order (CSV: the header). Never changed once a row refers to it: a
// JSON Lines reader that meets a new key makes a new list, and a column keeps its index.
using ColumnList = std::vector<std::string>;

struct TableRow {
    std::uint64_t index = 0;  // 0-based: the first device is row 0 (messages say "row 1")
    std::uint64_t line = 0;   // the line of the file where the row starts
    std::shared_ptr<const ColumnList> columns;
    // values[c] is the value of column c, or nothing when the row does not give it (a JSON key
    // left out or null). A CSV row gives every column; an empty cell is an empty value.
    std::vector<std::optional<std::string>> values;
    std::string error;  // why the row is malformed (wrong field count, bad JSON...), else empty

    const std::string* get(std::size_t column) const noexcept {
        return column < values.size() && values[column] ? &*values[column] : nullptr;
    }
};

class DeviceTable {
public:
    // A row (CSV record or JSON line) longer than this is an error.
    static constexpr std::size_t max_row_bytes = std::size_t(1) << 20;

    // Opens a table; "-" is standard input. Without a format it is JSON Lines for a name ending
    // in .jsonl or .ndjson, CSV for .csv, else JSON Lines when the first character is '{'.
    // Reads the CSV header: names are trimmed of spaces and must be non-empty and unique.
    // Throws Error(io) when the file cannot be read, Error(input) for a bad header.
    static DeviceTable open(const std::string& path, std::optional<TableFormat> format = std::nullopt);
    // The same over text in memory; name is used in messages.
    static DeviceTable from_text(std::string text, const std::string& name,
                                 std::optional<TableFormat> format = std::nullopt);

    DeviceTable(DeviceTable&&) noexcept;
    DeviceTable& operator=(DeviceTable&&) noexcept;
    ~DeviceTable();

    // Reads the next row into row, reusing its storage; false at the end of the table. Blank
    // lines are skipped. A row that is malformed by itself comes back with row.error set and
    // reading goes on; a fault that leaves the rest unreadable (a quoted CSV field that never
    // ends, a CSV record over max_row_bytes, a read error) throws Error(input or io) with
    // "FILE:LINE: ...".
    bool next(TableRow& row);

    const std::string& name() const noexcept;
    TableFormat format() const noexcept;
    // Columns met so far: the header for CSV, every key seen so far for JSON Lines.
    std::shared_ptr<const ColumnList> columns() const noexcept;
    std::optional<std::uint32_t> column_index(std::string_view name) const noexcept;

    // For progress: bytes consumed so far, and the size of the input (0 when not a regular file).
    std::uint64_t bytes_read() const noexcept;
    std::uint64_t size() const noexcept;
    // False when reading on would have to wait for input (a pipe, a slow writer): the time to
    // hand over what was read so far.
    bool buffered() const noexcept;

    struct Impl;

private:
    explicit DeviceTable(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// A MAC address as 12 lower-case hex digits, from 12 hex digits, six pairs joined by ':' or by
// '-', or three quads joined by '.' (Cisco), in any case, with white space around ignored.
// Nothing when text is not one of these.
std::optional<std::string> normalise_mac(std::string_view text);

}  // namespace provkit
