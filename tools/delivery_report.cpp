// Per-phone results, progress and summaries of push-resync and upgrade (see delivery_report.hpp).
#include "delivery_report.hpp"

#include <unistd.h>

#include <iostream>

#include "diagnostics.hpp"
#include "provkit/json.hpp"

namespace provkit::cli {

Reporter::Reporter(bool json, bool fleet, std::size_t total)
    : json_(json), fleet_(fleet), progress_(fleet && ::isatty(2)), total_(total) {}

void Reporter::result(const std::string& phone, const Verdict& verdict, const DeliveryResult& result) {
    ++done_;
    ++counts_[static_cast<std::size_t>(verdict.outcome)];
    clear_progress();
    const bool ok = verdict.outcome == Outcome::ok;
    if (json_) {
        const HttpResponse& r = result.response;
        Json line = Json::object();
        line.set("phone", phone);
        line.set("ok", ok);
        line.set("http_status", r.failure == FailureKind::none ? Json(r.status) : Json());
        line.set("error", ok ? Json() : Json(verdict.message));
        line.set("elapsed_ms", Json(static_cast<long long>(result.elapsed.count())));
        std::cout << line.dump() << '\n';
    } else if (ok) {
        std::cout << phone << ": ok (" << verdict.message << ")\n";
    } else {
        std::cout.flush();
        error(phone + ": " + verdict.message + (fleet_ || verdict.hint.empty() ? "" : "; " + verdict.hint));
    }
    std::cout.flush();
    show_progress();
}

void Reporter::note(const std::string& message) {
    clear_progress();
    cli::note(message);
    show_progress();
}

int Reporter::finish(const VerdictContext& context) {
    clear_progress();
    const std::size_t failed = done_ - counts_[static_cast<std::size_t>(Outcome::ok)];
    if (fleet_) {
        std::string summary = std::to_string(done_) + " phone" + (done_ == 1 ? "" : "s") + ":";
        bool first = true;
        for (int i = 0; i < outcome_count; ++i) {
            if (counts_[i] == 0) continue;
            summary += (first ? " " : ", ") + std::to_string(counts_[i]) + " " +
                       std::string(outcome_name(static_cast<Outcome>(i)));
            first = false;
        }
        cli::note(summary);
        for (int i = 1; i < outcome_count; ++i)
            if (counts_[i] > 0)
                cli::note(std::to_string(counts_[i]) + " " + std::string(outcome_name(static_cast<Outcome>(i))) +
                          ": " + outcome_hint(static_cast<Outcome>(i), context));
    }
    return failed == 0 ? 0 : 1;
}

void Reporter::show_progress() {
    if (!progress_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done_ < total_ && now - last_progress_ < std::chrono::milliseconds(100)) return;
    last_progress_ = now;
    const std::size_t ok = counts_[static_cast<std::size_t>(Outcome::ok)];
    std::cerr << "\rprovkit: " << done_ << "/" << total_ << " phones, " << ok << " ok, " << (done_ - ok)
              << " failed\033[K" << std::flush;
    progress_shown_ = true;
}

void Reporter::clear_progress() {
    if (!progress_shown_) return;
    std::cerr << "\r\033[K" << std::flush;
    progress_shown_ = false;
}

}  // namespace provkit::cli
