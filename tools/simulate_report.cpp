// Rendering of a simulated resync: per rule (alternative, URL, status, class, bytes, decoding,
// parameters changed), the syslog lines, the changed parameters; as text or JSON.
#include "simulate_report.hpp"

#include "provkit/json.hpp"
#include "provkit/message_text.hpp"
#include "provkit/redact.hpp"

namespace provkit::cli {

namespace {

std::string shown(const ParamChange& c, const std::optional<std::string>& value) {
    if (!value) return "(unset)";
    return c.secret && !value->empty() ? std::string(redacted) : json_quote(*value);
}

std::string list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

Json strings(const std::vector<std::string>& items) {
    Json a = Json::array();
    for (const std::string& s : items) a.push(s);
    return a;
}

}  // namespace

std::string render_simulation_text(const SimulateResult& result) {
    std::string out;
    for (const RuleReport& r : result.rules) {
        out += r.param + ": ";
        if (r.alternative) out += "alternative " + std::to_string(*r.alternative);
        if (!r.url.empty()) out += ", " + (r.method.empty() ? "" : r.method + " ") + r.url;
        if (!r.alternative && !r.note.empty()) out += r.note;
        if (!r.alternative && r.note.empty() && !r.ok) out += "failed";
        out += "\n";
        for (const Attempt& a : r.attempts) out += "  " + a.url + ": " + a.outcome + "\n";
        if (r.result != ResultClass::none) {
            out += "  class " + std::string(to_string(r.result));
            if (r.status) out += ", HTTP " + std::to_string(r.status);
            out += ", " + std::to_string(r.bytes) + " bytes";
            if (!r.decoding.empty()) out += ", decoded: " + list(r.decoding);
            out += "\n";
        }
        if (r.alternative && !r.note.empty()) out += "  " + r.note + "\n";
        if (!r.changed.empty()) out += "  changed: " + list(r.changed) + "\n";
        if (!r.ignored.empty()) out += "  ignored (unknown to the phone): " + list(r.ignored) + "\n";
        if (!r.ok) out += "  error: " + r.error + "\n";
    }
    if (const auto& up = result.upgrade) {
        out += "Upgrade_Rule: " + up->decision;
        if (!up->url.empty()) out += " " + up->url;
        out += "\n";
        if (!up->detail.empty()) out += "  " + up->detail + "\n";
        if (!up->ok) out += "  error: " + up->error + "\n";
    }
    for (const std::string& line : result.syslog) out += "syslog: " + line + "\n";
    out += result.ok ? "resync succeeded" : "resync failed";
    out += ": " + std::to_string(result.changed.size()) + " parameter" + (result.changed.size() == 1 ? "" : "s") +
           " changed\n";
    // Values, URLs and messages from the profile and the servers: a control character in them
    // (a C1 escape is valid XML as &#x9B;) becomes '?' before it reaches a terminal.
    return printable(out, "\n");
}

std::string render_simulation_diff(const SimulateResult& result) {
    std::string out;
    for (const ParamChange& c : result.changed) {
        out += c.name + ": " + shown(c, c.old_value) + " -> " + shown(c, c.new_value);
        if (c.new_ua && c.new_ua != c.old_ua) out += " (ua " + std::string(to_string(*c.new_ua)) + ")";
        out += "\n";
    }
    return printable(out, "\n");
}

std::string render_simulation_json(const SimulateResult& result) {
    Json rules = Json::array();
    for (const RuleReport& r : result.rules) {
        Json attempts = Json::array();
        for (const Attempt& a : r.attempts)
            attempts.push(Json::Object{{"url", a.url}, {"status", a.status ? Json(a.status) : Json()}, {"outcome", a.outcome}});
        Json o = Json::object();
        o.set("param", r.param);
        o.set("alternative", r.alternative ? Json(*r.alternative) : Json());
        o.set("method", r.method.empty() ? Json() : Json(r.method));
        o.set("url", r.url.empty() ? Json() : Json(r.url));
        o.set("attempts", std::move(attempts));
        o.set("status", r.status ? Json(r.status) : Json());
        o.set("class", r.result == ResultClass::none ? Json() : Json(to_string(r.result)));
        o.set("bytes", r.bytes);
        o.set("decoding", strings(r.decoding));
        o.set("changed", strings(r.changed));
        o.set("ignored", strings(r.ignored));
        o.set("note", r.note.empty() ? Json() : Json(r.note));
        o.set("error", r.ok ? Json() : Json(r.error));
        o.set("ok", r.ok);
        rules.push(std::move(o));
    }
    Json changed = Json::array();
    for (const ParamChange& c : result.changed) {
        auto value = [&](const std::optional<std::string>& v) {
            if (!v) return Json();
            return c.secret && !v->empty() ? Json(redacted) : Json(*v);
        };
        changed.push(Json::Object{{"name", c.name},
                                  {"old", value(c.old_value)},
                                  {"new", value(c.new_value)},
                                  {"ua", c.new_ua ? Json(to_string(*c.new_ua)) : Json()}});
    }
    Json doc = Json::object();
    doc.set("rules", std::move(rules));
    doc.set("syslog", strings(result.syslog));
    doc.set("changed", std::move(changed));
    if (const auto& up = result.upgrade) {
        doc.set("upgrade", Json::Object{{"alternative", up->alternative ? Json(*up->alternative) : Json()},
                                        {"url", up->url.empty() ? Json() : Json(up->url)},
                                        {"load", up->load.empty() ? Json() : Json(up->load)},
                                        {"decision", up->decision},
                                        {"detail", up->detail},
                                        {"status", up->status ? Json(up->status) : Json()},
                                        {"error", up->ok ? Json() : Json(up->error)},
                                        {"ok", up->ok}});
    }
    doc.set("ok", result.ok);
    return doc.dump() + "\n";
}

}  // namespace provkit::cli
