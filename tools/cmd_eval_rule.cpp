// `provkit eval-rule`: parses a Profile_Rule, Upgrade_Rule, Resync_Trigger or delay schedule and
// evaluates it for a described device, as the phone would. Exit 0 chosen/true/valid, 1 none
// chosen/false, 2 a syntax error (pointing at its column) or a usage error.
#include <algorithm>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "device_options.hpp"
#include "diagnostics.hpp"
#include "eval_rule_output.hpp"
#include "provkit/error.hpp"
#include "provkit/file_io.hpp"
#include "provkit/source_text.hpp"

namespace provkit::cli {

namespace {

struct EvalRuleOptions {
    DeviceOptions device;
    std::optional<std::string> kind;  // nullopt: from --param, else profile
    std::optional<std::string> rule;  // the text, or "-" for standard input
    std::optional<std::string> param;
    std::string tftp_server;
    std::string format = "text";
    bool explain = false;
    bool show_secrets = false;
};

RuleKind kind_named(const std::string& name) {
    if (name == "upgrade") return RuleKind::upgrade;
    if (name == "trigger") return RuleKind::trigger;
    if (name == "schedule") return RuleKind::schedule;
    return RuleKind::profile;
}

// The kind of a phone parameter holding a rule (guide ch. 5).
std::optional<RuleKind> kind_of_parameter(std::string_view name) {
    if (name.starts_with("Profile_Rule")) return RuleKind::profile;
    if (name == "Upgrade_Rule") return RuleKind::upgrade;
    if (name.starts_with("Resync_Trigger_")) return RuleKind::trigger;
    if (name == "Resync_Periodic" || name == "Resync_Error_Retry_Delay" || name == "Upgrade_Error_Retry_Delay")
        return RuleKind::schedule;
    return std::nullopt;
}

// Where messages about the rule point: "SOURCE:LINE:COL: message" (columns count characters,
// as in files) for a 1-based byte column of the rule text. A --param value points into its
// profile file, where it was written.
struct RuleSource {
    std::string name;  // "rule", "standard input", or with --param "FILE: <NAME>"
    std::string_view text;
    const Device* device = nullptr;  // with --param
    std::string param;

    std::string at(std::size_t column, const std::string& msg) const {
        const std::size_t offset = std::min(column - 1, text.size());
        if (device) {
            if (auto pos = device->parameter_position(param, offset))
                return device->parameter_source(param) + ":" + std::to_string(pos->line) + ":" +
                       std::to_string(pos->column) + ": <" + param + ">: " + msg;
        }
        const LineIndex::Position pos = LineIndex(text).position(offset);  // columns count characters
        return name + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + msg;
    }
};

int run_eval_rule(const EvalRuleOptions& opts) {
    if (opts.param && opts.rule)
        throw Error(ErrorKind::usage, "give either RULE or --param NAME, not both");
    if (!opts.param && !opts.rule)
        throw Error(ErrorKind::usage, "give the RULE to evaluate (- reads standard input), or --param NAME");
    if (!opts.tftp_server.empty()) {
        try {
            split_url("/", 1, opts.tftp_server);
        } catch (const RuleError& e) {
            throw Error(ErrorKind::usage, "--tftp-server " + opts.tftp_server + ": " + e.what());
        }
    }
    // Read the rule from standard input before a --device/--profile could want it.
    std::string text;
    RuleSource source;
    if (!opts.param) {
        text = *opts.rule == "-" ? read_file("-") : *opts.rule;
        source.name = opts.rule == "-" ? "standard input" : "rule";
    }
    Device device = build_device(opts.device);

    RuleKind kind = kind_named(opts.kind.value_or("profile"));
    if (opts.param) {
        const std::string* value = device.parameter(*opts.param);
        if (!value)
            throw Error(ErrorKind::usage, "--param " + *opts.param + ": no such parameter in the --profile given");
        text = *value;
        std::string file = device.parameter_source(*opts.param);
        source.name = (file.empty() ? "" : file + ": ") + "<" + *opts.param + ">";
        source.device = &device;
        source.param = *opts.param;
        auto param_kind = kind_of_parameter(*opts.param);
        if (!opts.kind && !param_kind)
            throw Error(ErrorKind::usage, "--param " + *opts.param + " is no rule parameter; give --kind");
        if (!opts.kind) kind = *param_kind;
    }

    source.text = text;
    ParseResult parsed = parse_rule(text, kind);
    if (parsed.error) {
        error(source.at(parsed.error->column, parsed.error->message));
        return 2;
    }
    bool violation = false;
    for (const RuleDiagnostic& w : parsed.warnings) {
        if (w.kind_violation) {
            error(source.at(w.column, w.message));
            violation = true;
        } else {
            warning(source.at(w.column, w.message));
        }
    }
    if (violation) return 2;

    EvalOptions eval_options;
    eval_options.dhcp_server = opts.tftp_server;
    Evaluation ev;
    try {
        ev = evaluate_rule(*parsed.rule, device, eval_options);
    } catch (const RuleError& e) {
        error(source.at(e.column(), e.what()));
        return 2;
    }
    report_unset(opts.device, ev.unset);
    RenderOptions render{opts.format == "json", opts.explain, opts.show_secrets, text};
    write_all(1, render_evaluation(*parsed.rule, ev, render), "standard output");
    switch (kind) {
        case RuleKind::schedule: return 0;
        case RuleKind::trigger: return ev.trigger ? 0 : 1;
        default: return ev.selected ? 0 : 1;
    }
}

}  // namespace

Runner setup_eval_rule(CLI::App& sub) {
    struct Parsed {
        EvalRuleOptions opts;
        std::string kind, param, rule;
        CLI::Option *kind_opt, *param_opt, *rule_opt;
    };
    auto p = std::make_shared<Parsed>();
    auto& o = p->opts;
    p->rule_opt = sub.add_option("RULE", p->rule, "The rule text; - reads it from standard input");
    p->kind_opt = sub.add_option("--kind", p->kind,
                                 "profile (default), upgrade, trigger or schedule; from --param's name if given")
                      ->check(CLI::IsMember({"profile", "upgrade", "trigger", "schedule"}));
    p->param_opt = sub.add_option("--param", p->param,
                                  "Evaluate this parameter of the --profile (Profile_Rule_B, Upgrade_Rule, "
                                  "Resync_Trigger_1, ...) instead of RULE")
                       ->type_name("NAME");
    auto collect = add_device_options(sub, o.device);
    sub.add_option("--tftp-server", o.tftp_server,
                   "The DHCP option-66 TFTP server, used when a profile rule URL has no server")
        ->type_name("HOST[:PORT]");
    sub.add_option("--format", o.format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
    sub.add_flag("--explain", o.explain, "Show every alternative, its expanded operands and each comparison");
    sub.add_flag("--show-secrets", o.show_secrets, "Show --key and --pwd values instead of ***");
    return [p, collect] {
        collect();
        if (p->kind_opt->count()) p->opts.kind = p->kind;
        if (p->param_opt->count()) p->opts.param = p->param;
        if (p->rule_opt->count()) p->opts.rule = p->rule;
        return run_eval_rule(p->opts);
    };
}

}  // namespace provkit::cli
