// `provkit expand-macros`: expands $NAME, $(NAME), $(NAME:p[:q]) and $$ in each TEXT (or each
// line of standard input) for a described device, as a phone does before evaluating a rule.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "device_options.hpp"
#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/macro.hpp"

namespace provkit::cli {

namespace {

struct ExpandMacrosOptions {
    DeviceOptions device;
    std::string context = "plain";
    std::vector<std::string> texts;  // none or "-": the lines of standard input
};

int run_expand_macros(const ExpandMacrosOptions& opts) {
    Device device = build_device(opts.device);
    MacroContext context = opts.context == "key" ? MacroContext::key : MacroContext::plain;
    std::vector<std::string> unset;
    std::string out;
    auto expand = [&](std::string_view text) {
        out += expand_macros(text, device, context, &unset);
        out += '\n';
    };
    std::vector<std::string> texts = opts.texts;
    if (texts.empty()) texts.push_back("-");
    for (const std::string& text : texts) {
        if (text != "-") {
            expand(text);
            continue;
        }
        Bytes input = read_file("-");
        std::string_view rest = input;
        while (!rest.empty()) {
            std::size_t nl = rest.find('\n');
            std::string_view line = rest.substr(0, nl);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            expand(line);
            rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        }
    }
    report_unset(opts.device, unset);
    write_all(1, out, "standard output");
    return 0;
}

}  // namespace

Runner setup_expand_macros(CLI::App& sub) {
    auto opts = std::make_shared<ExpandMacrosOptions>();
    sub.add_option("TEXT", opts->texts, "Text to expand; none or - reads the lines of standard input");
    auto collect = add_device_options(sub, opts->device);
    sub.add_option("--context", opts->context,
                   "plain (default), or key: the arguments of --key/--uid/--pwd, where $SA..$SD expand")
        ->check(CLI::IsMember({"plain", "key"}));
    return [opts, collect] {
        collect();
        return run_expand_macros(*opts);
    };
}

}  // namespace provkit::cli
