// Fuzzes the device-table reader (CSV RFC 4180 and JSON Lines). The first byte chooses how
// the rest is read: as CSV, as JSON Lines, by content detection, or (byte % 8 == 7) from a
// descriptor in small reads, compared row by row with the same text read from memory. Every
// row and value is touched; only Error may come out, and the row invariants must hold.
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "provkit/device_table.hpp"
#include "provkit/error.hpp"

namespace {

using provkit::DeviceTable;
using provkit::TableRow;

void check(bool ok) {
    if (!ok) __builtin_trap();
}

// One row as plain data, to compare two reads of the same text.
struct Seen {
    std::uint64_t index, line;
    std::vector<std::string> columns;
    std::vector<std::optional<std::string>> values;
    std::string error;
    bool operator==(const Seen&) const = default;
};

struct Outcome {
    std::vector<Seen> rows;  // the first 4096
    std::uint64_t count = 0;
    std::string thrown;  // the message of the Error that ended the read, if any
    bool operator==(const Outcome&) const = default;
};

// Reads every row, checks the invariants and touches every value (normalise_mac walks it).
Outcome read_all(DeviceTable& t, bool keep) {
    Outcome out;
    TableRow row;
    std::uint64_t expected_index = 0, last_line = 0;
    try {
        while (t.next(row)) {
            check(row.index == expected_index++);
            check(row.line > last_line);  // rows start on later lines; blank lines are skipped
            last_line = row.line;
            check(row.columns != nullptr && row.values.size() == row.columns->size());
            if (t.format() == provkit::TableFormat::csv && row.error.empty())
                for (const auto& v : row.values) check(v.has_value());
            for (std::size_t c = 0; c < row.values.size(); ++c) {
                const std::string* v = row.get(c);
                check((v != nullptr) == row.values[c].has_value());
                if (v != nullptr) (void)provkit::normalise_mac(*v);
                const auto at = t.column_index((*row.columns)[c]);
                check(at && *at == c);  // a column keeps its index
            }
            check(row.get(row.values.size()) == nullptr);
            ++out.count;
            if (keep && out.rows.size() < 4096)
                out.rows.push_back({row.index, row.line, *row.columns, row.values, row.error});
        }
        check(!t.next(row));  // the end stays the end
    } catch (const provkit::Error& e) {
        out.thrown = e.what();
        check(out.thrown.rfind(t.name() + ":", 0) == 0);  // messages name the table
    }
    if (t.size() > 0) check(t.bytes_read() <= t.size());
    return out;
}

Outcome read_text(const std::string& text, const std::string& name,
                  std::optional<provkit::TableFormat> format, bool keep) {
    try {
        DeviceTable t = DeviceTable::from_text(text, name, format);
        return read_all(t, keep);
    } catch (const provkit::Error& e) {
        check(std::string(e.what()).rfind(name + ":", 0) == 0);
        return {{}, 0, e.what()};
    }
}

// The same text through the descriptor path, as standard input: a SEQPACKET socket, so that
// each read() of the reader returns exactly one packet and its buffer ends where the input
// chooses - inside a CRLF, a "" pair, a BOM or a UTF-8 sequence. False if no socket can be made.
bool read_packets(const std::string& text, std::size_t packet, Outcome& out) {
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) return false;
    const int saved_stdin = ::dup(0);
    bool ok = saved_stdin >= 0;
    for (std::size_t done = 0; ok && done < text.size(); done += packet)
        ok = ::send(sv[1], text.data() + done, std::min(packet, text.size() - done), MSG_DONTWAIT) > 0;
    ::close(sv[1]);  // the end of the input
    if (ok && ::dup2(sv[0], 0) == 0) {
        try {
            DeviceTable t = DeviceTable::open("-");
            out = read_all(t, true);
        } catch (const provkit::Error& e) {
            out = {{}, 0, e.what()};
        }
        ::dup2(saved_stdin, 0);
    } else {
        ok = false;
    }
    if (saved_stdin >= 0) ::close(saved_stdin);
    ::close(sv[0]);
    return ok;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t mode = data[0];
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (mode % 8 == 7 ? 3 : mode % 8 % 3) {
        case 0:
            (void)read_text(text, "fuzz.csv", provkit::TableFormat::csv, false);
            break;
        case 1:
            (void)read_text(text, "fuzz.jsonl", provkit::TableFormat::jsonl, false);
            break;
        case 2:
            (void)read_text(text, "fuzz", std::nullopt, false);
            break;
        default: {
            // Packets of 1 to 32 bytes, but no more than 256 of them (the socket buffer holds the
            // whole input before it is read).
            const std::size_t packet = std::max<std::size_t>(1 + mode / 8, (text.size() + 255) / 256);
            Outcome from_socket;
            if (!read_packets(text, packet, from_socket)) break;
            // The same rows and the same error as from memory (names differ: compare the rest).
            Outcome from_memory = read_text(text, "mem", std::nullopt, true);
            auto strip = [](std::string& s) {
                const std::size_t colon = s.find(':');
                if (colon != std::string::npos) s.erase(0, colon);
            };
            strip(from_socket.thrown);
            strip(from_memory.thrown);
            check(from_socket == from_memory);
            break;
        }
    }
    return 0;
}
