// Device tables read as a stream: the byte source, format detection, the CSV (RFC 4180) reader
// and MAC normalisation. The JSON Lines reader is in device_table_jsonl.cpp.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "device_table_impl.hpp"
#include "provkit/message_text.hpp"
#include "provkit/error.hpp"
#include "provkit/source_text.hpp"

namespace provkit {

// ---- the byte source ----

ByteSource::ByteSource(int fd, bool owned, std::string name)
    : fd_(fd), owned_(owned), name_(std::move(name)) {
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) size_ = std::uint64_t(st.st_size);
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (owned_) ::close(fd_);
        fd_ = -1;
        throw Error(ErrorKind::io, name_ + " is a directory");
    }
    buffer_.resize(std::size_t(1) << 16);
}

ByteSource::ByteSource(std::string text, std::string name)
    : name_(std::move(name)), buffer_(std::move(text)), end_(buffer_.size()), size_(buffer_.size()) {}

ByteSource::~ByteSource() {
    if (owned_ && fd_ >= 0) ::close(fd_);
}

bool ByteSource::refill() {
    if (fd_ < 0) return false;
    consumed_ += end_;
    pos_ = end_ = 0;
    for (;;) {
        const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error(ErrorKind::io, "cannot read " + name_ + ": " + std::strerror(errno));
        end_ = std::size_t(n);
        return n > 0;
    }
}

void ByteSource::skip_bom() {
    if (peek() != 0xEF) return;
    // A pipe may deliver the first bytes one read at a time (found by fuzz_device_table): read
    // on until three are buffered, keeping the ones already there, or the input ends.
    while (fd_ >= 0 && end_ - pos_ < 3) {
        ssize_t n;
        do n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
        while (n < 0 && errno == EINTR);
        if (n < 0) throw Error(ErrorKind::io, "cannot read " + name_ + ": " + std::strerror(errno));
        if (n == 0) break;
        end_ += std::size_t(n);
    }
    if (end_ - pos_ >= 3 && std::memcmp(buffer_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
}

// ---- format detection and opening ----

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

TableFormat detect(const std::string& name, ByteSource& in) {
    if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return TableFormat::jsonl;
    if (ends_with(name, ".csv")) return TableFormat::csv;
    int c = in.peek();
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        in.get();
        c = in.peek();
    }
    return c == '{' ? TableFormat::jsonl : TableFormat::csv;
}

// ---- CSV (RFC 4180): fields separated by ',', records by CR LF, LF or CR; a field in double
// quotes may hold commas, line breaks and quotes written twice. ----

class CsvReader final : public TableReader {
public:
    CsvReader(std::unique_ptr<ByteSource> in) : TableReader(std::move(in)) {
        std::vector<std::string> header;
        std::string error;
        if (!record(header, error))
            throw Error(
                ErrorKind::input,
                in_->name() + ": the table is empty; it needs a header row naming the columns (mac,...)");
        if (!error.empty())
            throw Error(ErrorKind::input,
                        in_->name() + ":" + std::to_string(start_line_) + ": header: " + error);
        if (header.size() > max_columns)
            throw Error(ErrorKind::input, in_->name() + ":" + std::to_string(start_line_) +
                                              ": header: " + std::to_string(header.size()) +
                                              " columns; a device table has at most " +
                                              std::to_string(max_columns));
        // One list for the whole header (add_column copies the list each time, for JSON Lines).
        auto list = std::make_shared<ColumnList>();
        list->reserve(header.size());
        for (std::size_t i = 0; i < header.size(); ++i) {
            std::string name = header[i];
            const std::size_t b = name.find_first_not_of(" \t");
            name = b == std::string::npos ? "" : name.substr(b, name.find_last_not_of(" \t") - b + 1);
            const std::string where =
                in_->name() + ":" + std::to_string(start_line_) + ": header, column " + std::to_string(i + 1);
            if (name.empty())
                throw Error(ErrorKind::input, where + ": empty column name; every column needs a name");
            if (auto bad = invalid_utf8(name, "name")) throw Error(ErrorKind::input, where + ": " + *bad);
            if (!index_.emplace(name, std::uint32_t(i)).second)
                throw Error(ErrorKind::input, where + ": column " + quoted_text(name) + " is named twice");
            list->push_back(std::move(name));
        }
        columns_ = std::move(list);
    }

    bool next(TableRow& row) override {
        std::string error;
        if (!record(fields_, error)) return false;
        begin_row(row);
        if (error.empty() && fields_.size() != columns_->size())
            error = "has " + std::to_string(fields_.size()) + (fields_.size() == 1 ? " field" : " fields") +
                    "; the header has " + std::to_string(columns_->size());
        for (std::size_t i = 0; i < fields_.size() && error.empty(); ++i)
            if (auto bad = invalid_utf8(fields_[i])) error = "field " + std::to_string(i + 1) + ": " + *bad;
        row.error = std::move(error);
        if (row.error.empty())
            for (std::size_t i = 0; i < fields_.size(); ++i) row.values[i] = std::move(fields_[i]);
        return true;
    }

private:
    // Reads one record into fields; false at the end of input. Blank lines are skipped. A
    // problem confined to the record goes to error; the record is still read to its end.
    bool record(std::vector<std::string>& fields, std::string& error) {
        fields.clear();
        int c;
        while ((c = in_->peek()) == '\r' || c == '\n') end_of_line();
        if (c < 0) return false;
        start_line_ = line_;
        std::size_t bytes = 0;
        for (;;) {
            std::string& field = fields.emplace_back();
            const std::size_t number = fields.size();
            if (in_->peek() == '"') {
                const std::uint64_t opened = line_;
                in_->get();
                for (;;) {
                    c = in_->get();
                    if (c < 0)
                        throw Error(ErrorKind::input,
                                    where_record(opened) + ", field " + std::to_string(number) +
                                        ": the quoted field never ends; a closing \" is missing");
                    if (c == '"') {
                        if (in_->peek() != '"') break;
                        in_->get();
                    } else if (c == '\n' || (c == '\r' && in_->peek() != '\n')) {
                        ++line_;
                    }
                    field.push_back(char(c));
                    check_size(++bytes, true);
                }
                c = in_->peek();
                if (c >= 0 && c != ',' && c != '\r' && c != '\n' && error.empty())
                    error = "field " + std::to_string(number) +
                            ": text after the closing quote; a quote inside a quoted field is written twice "
                            "(\"\")";
            }
            for (c = in_->peek(); c >= 0 && c != ',' && c != '\r' && c != '\n'; c = in_->peek()) {
                if (c == '"' && error.empty())
                    error = "field " + std::to_string(number) +
                            ": a double quote inside an unquoted field; quote the field and write the quote "
                            "twice: \"say \"\"hi\"\"\"";
                field.push_back(char(in_->get()));
                check_size(++bytes, false);
            }
            if (c == ',') {
                // Separators count too: a record of commas alone would otherwise grow the field list
                // without bound.
                in_->get();
                check_size(++bytes, false);
                continue;
            }
            if (c >= 0) end_of_line();
            return true;
        }
    }

    // "FILE:LINE: row N" (or "header") for a fault that ends the reading inside a record.
    std::string where_record(std::uint64_t line) const {
        return in_->name() + ":" + std::to_string(line) + ": " +
               (columns_->empty() ? std::string("header") : "row " + std::to_string(rows_ + 1));
    }

    // Why text is not UTF-8, or nothing. Like JSON Lines, a CSV table must be UTF-8: a value in
    // another encoding would otherwise reach the profile and fail far from its cause.
    static std::optional<std::string> invalid_utf8(std::string_view text, const char* what = "field") {
        const auto fault = check_utf8_text(text);
        if (!fault || fault->code != "utf8") return std::nullopt;  // control characters: the writer's call
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", unsigned(static_cast<unsigned char>(text[fault->offset])));
        return "invalid UTF-8 (byte " + std::string(byte) + " at byte " + std::to_string(fault->offset + 1) +
               " of the " + what + "); the table must be UTF-8 (re-save it as UTF-8)";
    }

    void end_of_line() {
        if (in_->get() == '\r' && in_->peek() == '\n') in_->get();
        ++line_;
    }

    void check_size(std::size_t bytes, bool quoted) const {
        if (bytes > DeviceTable::max_row_bytes)
            throw Error(ErrorKind::input,
                        where_record(start_line_) + ": longer than 1 MiB" +
                            (quoted ? " (a quoted field that never ends?)" : "; a row describes one device"));
    }

    std::vector<std::string> fields_;
};

}  // namespace

void TableReader::add_column(const std::string& name) {
    auto list = columns_ ? std::make_shared<ColumnList>(*columns_) : std::make_shared<ColumnList>();
    index_.emplace(name, std::uint32_t(list->size()));
    list->push_back(name);
    columns_ = std::move(list);
}

void TableReader::begin_row(TableRow& row) {
    row.index = rows_++;
    row.line = start_line_;
    row.columns = columns_;
    row.error.clear();
    row.values.assign(columns_->size(), std::nullopt);
}

std::unique_ptr<TableReader> make_reader(std::unique_ptr<ByteSource> in, const std::string& name,
                                         std::optional<TableFormat> format) {
    in->skip_bom();
    const TableFormat f = format ? *format : detect(name, *in);
    if (f == TableFormat::jsonl) return make_jsonl_reader(std::move(in));
    return std::make_unique<CsvReader>(std::move(in));
}

DeviceTable DeviceTable::open(const std::string& path, std::optional<TableFormat> format) {
    std::unique_ptr<ByteSource> in;
    if (path == "-") {
        in = std::make_unique<ByteSource>(0, false, "standard input");
    } else {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) throw Error(ErrorKind::io, "cannot open " + path + ": " + std::strerror(errno));
        in = std::make_unique<ByteSource>(fd, true, path);
    }
    auto impl = std::make_unique<Impl>();
    impl->reader = make_reader(std::move(in), path, format);
    return DeviceTable(std::move(impl));
}

DeviceTable DeviceTable::from_text(std::string text, const std::string& name,
                                   std::optional<TableFormat> format) {
    auto impl = std::make_unique<Impl>();
    impl->reader = make_reader(std::make_unique<ByteSource>(std::move(text), name), name, format);
    return DeviceTable(std::move(impl));
}

DeviceTable::DeviceTable(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DeviceTable::DeviceTable(DeviceTable&&) noexcept = default;
DeviceTable& DeviceTable::operator=(DeviceTable&&) noexcept = default;
DeviceTable::~DeviceTable() = default;

bool DeviceTable::next(TableRow& row) { return impl_->reader->next(row); }
const std::string& DeviceTable::name() const noexcept { return impl_->reader->source().name(); }
TableFormat DeviceTable::format() const noexcept { return impl_->reader->format(); }
std::shared_ptr<const ColumnList> DeviceTable::columns() const noexcept { return impl_->reader->columns(); }
std::optional<std::uint32_t> DeviceTable::column_index(std::string_view name) const noexcept {
    return impl_->reader->column_index(name);
}
std::uint64_t DeviceTable::bytes_read() const noexcept { return impl_->reader->source().consumed(); }
std::uint64_t DeviceTable::size() const noexcept { return impl_->reader->source().size(); }
bool DeviceTable::buffered() const noexcept { return impl_->reader->source().buffered(); }

std::optional<std::string> normalise_mac(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    // The separator layouts: none, xx:xx:.. / xx-xx-.. (groups of 2), xxxx.xxxx.xxxx (groups of 4).
    std::size_t group = 0;
    char sep = 0;
    if (text.size() == 17 && (text[2] == ':' || text[2] == '-')) {
        group = 2;
        sep = text[2];
    } else if (text.size() == 14 && text[4] == '.') {
        group = 4;
        sep = '.';
    } else if (text.size() != 12) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(12);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (group != 0 && (i + 1) % (group + 1) == 0) {
            if (c != sep) return std::nullopt;
            continue;
        }
        if (c >= '0' && c <= '9')
            out.push_back(c);
        else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
            out.push_back(char(c | 0x20));
        else
            return std::nullopt;
    }
    return out;
}

}  // namespace provkit
