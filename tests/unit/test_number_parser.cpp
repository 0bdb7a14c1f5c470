// The strict number parser: every 64-bit value is accepted, everything else is refused with a
// reason (signs, letters, hex, exponents, 2^64 and above, empty text, NUL bytes).
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "primepool/io/number_parser.hpp"

using namespace primepool;

TEST(ParseNumber, AcceptsTheWholeRange) {
  EXPECT_EQ(parse_number("0").value, 0u);
  EXPECT_EQ(parse_number("2").value, 2u);
  EXPECT_EQ(parse_number("007").value, 7u);
  EXPECT_EQ(parse_number("18446744073709551615").value, 18446744073709551615ull);
  EXPECT_EQ(parse_number("18446744073709551557").value, 18446744073709551557ull);
  EXPECT_TRUE(parse_number("18446744073709551615").ok);
}

TEST(ParseNumber, RefusesWithAReason) {
  for (const std::string& bad : std::vector<std::string>{
           "", "-1", "+1", "1e9", "0x10", "12a", " 1", "1 ", "1.0", "18446744073709551616",
           "99999999999999999999", "184467440737095516150", std::string("1\0", 2)}) {
    const ParsedNumber p = parse_number(bad);
    EXPECT_FALSE(p.ok) << "'" << bad << "'";
    EXPECT_FALSE(p.error.empty()) << "'" << bad << "'";
  }
  EXPECT_NE(parse_number("18446744073709551616").error.find("too large"), std::string::npos);
  EXPECT_NE(parse_number("-5").error.find("sign"), std::string::npos);
  EXPECT_NE(parse_number(std::string("4\0", 2)).error.find("byte 0"), std::string::npos);
}

TEST(Split, KeepsEmptyFields) {
  EXPECT_EQ(split("1:2:", ':'), (std::vector<std::string>{"1", "2", ""}));
  EXPECT_EQ(split("", ','), (std::vector<std::string>{""}));
  EXPECT_EQ(split("a b", ' '), (std::vector<std::string>{"a", "b"}));
}
