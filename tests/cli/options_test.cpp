#include "cli/options.h"

#include <gtest/gtest.h>

#include <array>

namespace image_agent::cli {
namespace {

constexpr std::array kSpecs{
    OptionSpec{"root", 0, "DIR", "root directory"},
    OptionSpec{"report-dir", 'p', "DIR", "report directory"},
    OptionSpec{"json", 0, "", "JSON output"},
    OptionSpec{"help", 'h', "", "help"},
};

Result<ParsedOptions> parse(std::vector<std::string> args, bool stop = false) {
  return parse_options(kSpecs, args, stop);
}

TEST(ParseOptions, AcceptsEveryForm) {
  Result<ParsedOptions> p = parse({"--root=/mnt", "-p", "/tmp/r", "--json", "operand", "--report-dir", "/x"});
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->get("root"), "/mnt");
  EXPECT_EQ(p->get("report-dir"), "/x") << "the last value wins";
  EXPECT_EQ(p->values.at("report-dir"), (std::vector<std::string>{"/tmp/r", "/x"}));
  EXPECT_TRUE(p->has("json"));
  EXPECT_FALSE(p->has("help"));
  EXPECT_EQ(p->operands, (std::vector<std::string>{"operand"}));
  EXPECT_EQ(p->get("missing", "fallback"), "fallback");
}

TEST(ParseOptions, DoubleDashEndsOptions) {
  Result<ParsedOptions> p = parse({"--json", "--", "--root", "-h"});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->operands, (std::vector<std::string>{"--root", "-h"}));
}

TEST(ParseOptions, StopsAtFirstOperandWhenAsked) {
  Result<ParsedOptions> p = parse({"--json", "precheck", "--root", "/mnt"}, true);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->operands, (std::vector<std::string>{"precheck", "--root", "/mnt"}));
  EXPECT_FALSE(p->has("root"));
}

TEST(ParseOptions, ErrorsAreOneLineAndNameTheOption) {
  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  for (const Case& c :
       {Case{{"--bogus"}, "unknown option '--bogus'"}, Case{{"-x"}, "unknown option '-x'"},
        Case{{"--root"}, "option '--root' needs a value"},
        Case{{"--json=yes"}, "option '--json' takes no value"}, Case{{"-ph"}, "unknown option '-ph'"}}) {
    Result<ParsedOptions> p = parse(c.args);
    ASSERT_FALSE(p) << c.args[0];
    EXPECT_EQ(p.error().message, c.message);
  }
}

TEST(CommaList, EveryValueSplitTrimmedWithoutEmpties) {
  const std::array<OptionSpec, 1> specs{OptionSpec{"only", 0, "ID,..", "ids"}};
  std::vector<std::string> args{"--only", "driver, nvme,,", "--only=ssh"};
  Result<ParsedOptions> parsed = parse_options(specs, args, false);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(comma_list(*parsed, "only"), (std::vector<std::string>{"driver", "nvme", "ssh"}));
  EXPECT_TRUE(comma_list(*parsed, "skip").empty());
}

TEST(RenderOptions, AlignsHelpColumn) {
  EXPECT_EQ(render_options(kSpecs),
            "      --root DIR        root directory\n"
            "  -p, --report-dir DIR  report directory\n"
            "      --json            JSON output\n"
            "  -h, --help            help\n");
}

}  // namespace
}  // namespace image_agent::cli
