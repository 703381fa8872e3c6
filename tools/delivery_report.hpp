// Reporting a delivery run: one line per phone as it completes (text, or JSON Lines on
// stdout), a progress line on a terminal, and a summary by outcome for fleets.
#pragma once

#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include "delivery_verdict.hpp"
#include "provkit/delivery.hpp"

namespace provkit::cli {

class Reporter {
public:
    // fleet: more than the command line's one phone (summary, hints in the summary, progress).
    Reporter(bool json, bool fleet, std::size_t total);

    // Text: "PHONE: ok (HTTP 200 OK)" on stdout, or "provkit: error: PHONE: MESSAGE" on stderr
    // (with the hint for a single phone). JSON: {"phone","ok","http_status","error","elapsed_ms"}.
    void result(const std::string& phone, const Verdict& verdict, const DeliveryResult& result);

    // A note on stderr (for -v), keeping the progress line intact.
    void note(const std::string& message);

    // Ends the progress line, prints the fleet summary; returns the exit status (0 all ok).
    int finish(const VerdictContext& context);

private:
    void show_progress();
    void clear_progress();

    bool json_;
    bool fleet_;
    bool progress_;
    bool progress_shown_ = false;
    std::size_t total_;
    std::size_t done_ = 0;
    std::array<std::size_t, outcome_count> counts_{};
    std::chrono::steady_clock::time_point last_progress_{};
};

}  // namespace provkit::cli
