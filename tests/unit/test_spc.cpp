// Unit tests for provkit/spc.hpp: the spc text source reader and web-name normalisation.
#include <doctest/doctest.h>

#include <map>

#include "provkit/error.hpp"
#include "provkit/profile_xml.hpp"
#include "provkit/spc.hpp"

using namespace provkit;

namespace {

// Imports come from this map instead of the file system.
struct Files {
    std::map<std::string, std::string> files;
    SourceLoader loader() const {
        return [this](const std::string& path) -> Bytes {
            auto it = files.find(path);
            if (it == files.end())
                throw Error(ErrorKind::io, "cannot open " + path + ": No such file or directory");
            return it->second;
        };
    }
};

Profile read_ok(std::string_view text, const Files& files = {}) {
    ReadResult r = read_profile_spc(text, "dir/main.txt", files.loader());
    REQUIRE_MESSAGE(r.ok(), (r.errors.empty() ? std::string() : r.errors.front().to_string()));
    return std::move(r.profile);
}

Diagnostic first_error(std::string_view text, const Files& files = {}) {
    ReadResult r = read_profile_spc(text, "dir/main.txt", files.loader());
    REQUIRE_FALSE(r.ok());
    return r.errors.front();
}

}  // namespace

TEST_CASE("normalise_name applies the guide's rule") {
    CHECK(normalise_name("Resync On Reset") == "Resync_On_Reset");
    CHECK(normalise_name("Dial Plan[2]") == "Dial_Plan_2_");
    CHECK(normalise_name("Resync At (HHmm)") == "Resync_At__HHmm_");
    CHECK(normalise_name("Set Local Date (mm/dd/yyyy)") == "Set_Local_Date__mm_dd_yyyy_");
    CHECK(normalise_name("  GPP A ") == "GPP_A");
    CHECK(normalise_name("Dial_Plan_2_") == "Dial_Plan_2_");
    CHECK(normalise_name("Phone-UI-User-Mode") == "Phone-UI-User-Mode");
}

TEST_CASE("the NOTES.md example") {
    Files files;
    files.files["dir/common.txt"] = "GPP_A \"from common\" ;\nResync_Periodic \"3600\";\n";
    Profile p = read_ok(
        "# comment to end of line\n"
        "import common.txt            # splices another source file; may nest\n"
        "Resync_Periodic   \"7200\" ;   # no marker: user access \"na\" (hidden from user)\n"
        "Dial_Plan[1] ?    \"(*xx|[3469]11|0|00|[2-9]xxxxxx)\" ;   # '?' = read-only (\"ro\")\n"
        "Speed_Dial_2_Name ! \"Office\" ;                           # '!' = read-write (\"rw\")\n"
        "Display_Name[1] ;            # no value: leave the phone's value unchanged\n",
        files);
    REQUIRE(p.size() == 4);
    CHECK(p.params()[0].name == "GPP_A");
    CHECK(p.params()[1].name == "Resync_Periodic");
    CHECK(p.find("Resync_Periodic")->value == "7200");  // the last occurrence wins, across imports
    CHECK(p.find("Resync_Periodic")->ua == UserAccess::na);
    CHECK(p.find("Dial_Plan_1_")->value == "(*xx|[3469]11|0|00|[2-9]xxxxxx)");
    CHECK(p.find("Dial_Plan_1_")->ua == UserAccess::ro);
    CHECK(p.find("Speed_Dial_2_Name")->ua == UserAccess::rw);
    CHECK(p.find("Display_Name_1_") == nullptr);
    // Positions name the file that set each value.
    const Location& common = p.origin(*p.find("GPP_A"));
    CHECK(p.files()[common.file] == "dir/common.txt");
    CHECK(common.line == 1);
    const Location& main = p.origin(*p.find("Dial_Plan_1_"));
    CHECK(p.files()[main.file] == "dir/main.txt");
    CHECK(main.line == 4);
    CHECK(main.column == 1);
    CHECK(p.occurrences().size() == 5);
}

TEST_CASE("spc and XML with the same meaning give the same profile") {
    Profile spc = read_ok("A \"1\"; B ? \"two words\" ; C ! \"\" ;\nD \" padded \";E \"a<b&c\";\n");
    ReadResult xml = read_profile_xml(
        "<flat-profile><A ua=\"na\">1</A><B ua=\"ro\">two words</B><C ua=\"rw\"/>"
        "<D ua=\"na\">&#32;padded&#32;</D><E ua=\"na\">a&lt;b&amp;c</E></flat-profile>",
        "x.xml");
    REQUIRE(xml.ok());
    CHECK(spc == xml.profile);
    CHECK(write_profile_xml(spc) == write_profile_xml(xml.profile));
}

TEST_CASE("entries may share lines and spread over lines") {
    Profile p = read_ok("A\n?\n\"x\"\n;B!\"y\";#c\nC \"z\"# c\n;D \"#not a comment; \";");
    CHECK(p.find("D")->value == "#not a comment; ");
    CHECK(p.find("A")->ua == UserAccess::ro);
    CHECK(p.find("B")->value == "y");
    CHECK(p.find("C")->value == "z");
}

TEST_CASE("a marker without a value warns; the entry is left out") {
    ReadResult r = read_profile_spc("A ! ;\nB ;\n", "m.txt");
    REQUIRE(r.ok());
    CHECK(r.profile.empty());
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].code == "spc-no-value");
    CHECK(r.warnings[0].line == 1);
}

TEST_CASE("imports: relative paths, nesting, cycles, missing files") {
    Files files;
    files.files["dir/sub/a.txt"] = "import ../b.txt\nA \"1\";\n";
    files.files["dir/b.txt"] = "B \"2\";\n";
    Profile p = read_ok("import sub/a.txt;\nC \"3\";\n", files);
    CHECK(p.size() == 3);
    CHECK(p.files()[p.origin(*p.find("B")).file] == "dir/b.txt");

    Files cycle;
    cycle.files["dir/x.txt"] = "X \"1\";\nimport y.txt\n";
    cycle.files["dir/y.txt"] = "import main.txt\n";
    Diagnostic d = first_error("import x.txt\n", cycle);
    CHECK(d.code == "import-cycle");
    CHECK(d.file == "dir/y.txt");
    CHECK(d.line == 1);
    CHECK(d.message == "import cycle: dir/main.txt -> dir/x.txt -> dir/y.txt -> dir/main.txt");

    Diagnostic self = first_error("import main.txt\n");
    CHECK(self.code == "import-cycle");

    Diagnostic missing = first_error("A \"1\";\n  import nothere.txt\n");
    CHECK(missing.code == "import");
    CHECK(missing.line == 2);
    CHECK(missing.column == 10);
    CHECK(missing.message.find("dir/nothere.txt") != std::string::npos);
}

TEST_CASE("syntax errors carry FILE:LINE:COL") {
    struct Case {
        std::string text;
        std::string code;
        std::uint32_t line, column;
        std::string needle;
    };
    const Case cases[] = {
        {"A \"1\"\nB \"2\";", "spc-syntax", 2, 1, "expected ';'"},
        {"A \"1;\nB \"2\";", "spc-syntax", 1, 3, "unterminated"},
        {"A \"1\";\n\"2\";", "spc-syntax", 2, 1, "without a parameter name"},
        {"A = \"1\";", "spc-syntax", 1, 3, "expected ';'"},
        {"A \xE2\x80\x9C"
         "1\xE2\x80\x9D;",
         "typographic", 1, 3, "ASCII double quotes"},
        {"A \"1\";\n\xE2\x80\x94"
         "B \"1\";",
         "spc-syntax", 2, 1, "typographic"},
        {"A \"\xC3(\";", "utf8", 1, 4, "UTF-8"},
        {"A \"\x02\";", "control-char", 1, 4, "control character"},
        {"1A \"1\";", "spc-syntax", 1, 1, "not a parameter name"},
        // A character beyond ASCII is shown whole, with its code point (a lone lead byte was shown).
        {"A \"1\";\n\xC3\x84_1_ \"2\";", "spc-syntax", 2, 1, "found '\xC3\x84' (U+00C4)"},
        {"A \"1\";\n\xEF\xBB\xBF" "B \"2\";", "spc-syntax", 2, 1, "found '\xEF\xBB\xBF' (U+FEFF)"},
        {"\xF0\x9F\x98\x80", "spc-syntax", 1, 1, "found '\xF0\x9F\x98\x80' (U+1F600)"},
        {"A \"1\";\n#x\n+B \"2\";", "spc-syntax", 3, 1, "found '+'"},
        {"import\n", "spc-syntax", 1, 7, "needs a file name"},
        {"import   ;", "spc-syntax", 1, 10, "needs a file name"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        Diagnostic d = first_error(c.text);
        CHECK(d.code == c.code);
        CHECK(d.line == c.line);
        CHECK(d.column == c.column);
        CHECK(d.message.find(c.needle) != std::string::npos);
        CHECK(d.to_string().rfind("dir/main.txt:" + std::to_string(c.line) + ":", 0) == 0);
    }
}

TEST_CASE("looks_like_xml tells the formats apart") {
    CHECK(looks_like_xml("<flat-profile/>"));
    CHECK(looks_like_xml("\xEF\xBB\xBF\n  <?xml version=\"1.0\"?>"));
    CHECK_FALSE(looks_like_xml("# spc\nA \"<x>\";"));
    CHECK_FALSE(looks_like_xml(""));
}
