// Fuzzes the device-table reader of compile --devices in both formats: the first byte picks
// CSV or JSON Lines, the rest is the table. Every row is read and every value touched; only
// Error may escape (a table that cannot be read on), never a crash, a leak or a hang. Rows must
// come with increasing indexes and lines, and a CSV row gives every column.
#include <cstdint>
#include <string>

#include "provkit/device_table.hpp"
#include "provkit/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto format = (data[0] & 1) ? provkit::TableFormat::jsonl : provkit::TableFormat::csv;
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        provkit::DeviceTable table = provkit::DeviceTable::from_text(std::move(text), "fuzz.table", format);
        provkit::TableRow row;
        std::uint64_t next_index = 0, last_line = 0;
        std::size_t touched = 0;
        while (table.next(row)) {
            if (row.index != next_index++ || row.line < last_line || !row.columns) __builtin_trap();
            last_line = row.line;
            if (format == provkit::TableFormat::csv && row.error.empty() && row.values.size() != row.columns->size())
                __builtin_trap();
            for (std::size_t c = 0; c < row.values.size(); ++c)
                if (const std::string* v = row.get(c)) {
                    touched += v->size();
                    if (c < row.columns->size() && (*row.columns)[c] == "mac") (void)provkit::normalise_mac(*v);
                }
            if (table.bytes_read() > table.size() && table.size() != 0) __builtin_trap();
        }
        (void)touched;
        (void)table.column_index("mac");
    } catch (const provkit::Error&) {
    }
    return 0;
}
