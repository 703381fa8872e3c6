// Library-internal parts of the device table readers: a buffered byte source (a descriptor or
// text in memory) and the reader interface the CSV and JSON Lines readers implement.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "provkit/device_table.hpp"

namespace provkit {

// More columns than any device table has (CSV header, distinct JSON Lines keys): a guard against
// a header of a million columns, or a JSON Lines table that grows a new column with every row,
// making memory grow with the table.
inline constexpr std::size_t max_columns = 10000;

class ByteSource {
public:
    ByteSource(int fd, bool owned, std::string name);  // reads fd in 64 KiB pieces
    ByteSource(std::string text, std::string name);    // the whole input in memory
    ~ByteSource();
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;

    // The next byte (0..255) without consuming it, or -1 at the end.
    int peek() {
        if (pos_ == end_ && !refill()) return -1;
        return static_cast<unsigned char>(buffer_[pos_]);
    }
    int get() {
        const int c = peek();
        if (c >= 0) ++pos_;
        return c;
    }
    void skip_bom();

    const std::string& name() const noexcept { return name_; }
    std::uint64_t consumed() const noexcept { return consumed_ + pos_; }
    bool buffered() const noexcept { return pos_ < end_; }
    std::uint64_t size() const noexcept { return size_; }

private:
    bool refill();

    int fd_ = -1;
    bool owned_ = false;
    std::string name_;
    std::string buffer_;
    std::size_t pos_ = 0, end_ = 0;
    std::uint64_t consumed_ = 0, size_ = 0;
};

class TableReader {
public:
    explicit TableReader(std::unique_ptr<ByteSource> in) : in_(std::move(in)) {}
    virtual ~TableReader() = default;
    virtual bool next(TableRow& row) = 0;
    virtual TableFormat format() const noexcept { return TableFormat::csv; }

    const ByteSource& source() const noexcept { return *in_; }
    std::shared_ptr<const ColumnList> columns() const noexcept { return columns_; }
    std::optional<std::uint32_t> column_index(std::string_view name) const noexcept {
        const auto it = index_.find(std::string(name));
        return it == index_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
    }

protected:
    // Appends a column: a new list, so that rows already read keep theirs.
    void add_column(const std::string& name);
    // Numbers the row, gives it the current columns, and clears its values and error.
    void begin_row(TableRow& row);

    std::unique_ptr<ByteSource> in_;
    std::shared_ptr<const ColumnList> columns_ = std::make_shared<ColumnList>();
    std::unordered_map<std::string, std::uint32_t> index_;
    std::uint64_t rows_ = 0;
    std::uint64_t line_ = 1;        // the line the source is at
    std::uint64_t start_line_ = 1;  // the line the current row started on
};

std::unique_ptr<TableReader> make_jsonl_reader(std::unique_ptr<ByteSource> in);

struct DeviceTable::Impl {
    std::unique_ptr<TableReader> reader;
};

}  // namespace provkit
