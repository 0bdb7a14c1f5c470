// The strict number parser: every 64-bit value is accepted, everything else is refused with a
// reason (signs, letters, hex, exponents, 2^64 and above, empty text, NUL bytes).
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "primepool/input/number_parser.hpp"

using namespace primepool;

TEST(ParseNumber, AcceptsTheWholeRange) {
  EXPECT_EQ(parse_number("0").value, 0u);
  EXPECT_EQ(parse_number("2").value, 2u);
  EXPECT_EQ(parse_number("007").value, 7u);
  EXPECT_EQ(parse_number("18446744073709551615").value, 18446744073709551615ull);
  EXPECT_EQ(parse_number("18446744073709551557").value, 18446744073709551557ull);
  EXPECT_TRUE(parse_number("18446744073709551615").ok);
}

// Every 20-digit value at or above 2^64 is refused, whatever its leading digit: one that wraps
// around once (3 * 10^19 reads as 11553255926290448384 by wrap-around) as much as one that wraps
// several times; and the values just below 2^64 keep their exact value.
TEST(ParseNumber, NoValueAtOrAbove2To64WrapsAround) {
  for (char lead = '1'; lead <= '9'; ++lead) {
    for (const std::string& tail :
         {std::string(19, '0'), std::string(19, '9'), std::string("8446744073709551616"),
          std::string("8446744073709551615")}) {
      const std::string text = std::string(1, lead) + tail;
      if (text <= "18446744073709551615") continue;
      EXPECT_FALSE(parse_number(text).ok) << text << " read as " << parse_number(text).value;
    }
  }
  EXPECT_FALSE(parse_number("30000000000000000000").ok);
  EXPECT_FALSE(parse_number("18446744073709551620").ok);
  EXPECT_FALSE(parse_number("18446744073709552000").ok);
  for (std::uint64_t below = 0; below < 1000; ++below) {
    const std::uint64_t v = UINT64_MAX - below;
    const ParsedNumber p = parse_number(std::to_string(v));
    ASSERT_TRUE(p.ok) << v;
    EXPECT_EQ(p.value, v);
  }
  for (std::uint64_t over = 0; over < 1000; ++over) {  // 2^64 + over, as text
    std::string text = "18446744073709551616";
    unsigned carry = static_cast<unsigned>(over);
    for (std::size_t i = text.size(); i-- > 0 && carry > 0;) {
      const unsigned digit = static_cast<unsigned>(text[i] - '0') + carry % 10;
      carry = carry / 10 + digit / 10;
      text[i] = static_cast<char>('0' + digit % 10);
    }
    EXPECT_FALSE(parse_number(text).ok) << text;
  }
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
