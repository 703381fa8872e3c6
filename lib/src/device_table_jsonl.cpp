// The JSON Lines device table reader: one JSON object per line, keys are columns.
#include "device_table_impl.hpp"
#include "json_line.hpp"
#include "provkit/error.hpp"

namespace provkit {

namespace {

class JsonlReader final : public TableReader {
public:
    using TableReader::TableReader;
    TableFormat format() const noexcept override { return TableFormat::jsonl; }

    bool next(TableRow& row) override {
        bool too_long = false;
        for (;;) {
            if (!read_line(too_long)) return false;
            if (too_long || text_.find_first_not_of(" \t\r") != std::string::npos) break;
        }
        begin_row(row);
        if (too_long) {
            row.error = "the line is longer than 1 MiB";
            return true;
        }
        members_.clear();
        if (auto e = json_line::parse_object(text_, members_)) {
            row.error = "column " + std::to_string(e->offset + 1) + ": " + e->message;
            return true;
        }
        for (json_line::Member& m : members_) {
            if (m.key.empty()) {
                row.error = "an empty key; every key names a column";
                return true;
            }
            std::optional<std::uint32_t> c = column_index(m.key);
            if (!c) {
                if (columns_->size() >= max_columns)
                    throw Error(ErrorKind::input, in_->name() + ":" + std::to_string(row.line) + ": row " +
                                                      std::to_string(row.index + 1) + ": more than " +
                                                      std::to_string(max_columns) +
                                                      " different keys in the table; keys name columns");
                add_column(m.key);
                c = std::uint32_t(columns_->size() - 1);
                row.columns = columns_;
                row.values.resize(columns_->size());
            }
            if (!m.null) row.values[*c] = std::move(m.value);
        }
        return true;
    }

private:
    // Reads the next line (without CR LF / LF) into text_; false at the end of input. A line over
    // the limit is consumed but not kept.
    bool read_line(bool& too_long) {
        text_.clear();
        too_long = false;
        start_line_ = line_;
        int c = in_->peek();
        if (c < 0) return false;
        while ((c = in_->get()) >= 0 && c != '\n') {
            if (text_.size() < DeviceTable::max_row_bytes)
                text_.push_back(char(c));
            else
                too_long = true;
        }
        ++line_;
        if (!text_.empty() && text_.back() == '\r') text_.pop_back();
        return true;
    }

    std::string text_;
    std::vector<json_line::Member> members_;
};

}  // namespace

std::unique_ptr<TableReader> make_jsonl_reader(std::unique_ptr<ByteSource> in) {
    return std::make_unique<JsonlReader>(std::move(in));
}

}  // namespace provkit
