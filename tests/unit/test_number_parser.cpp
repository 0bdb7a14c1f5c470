// The strict number parser: every value below 2^128 is accepted, everything else is refused with a
// reason (signs, letters, hex, exponents, 2^128 and above, empty text, NUL bytes).
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

// Every 39-digit value at or above 2^128 is refused, whatever its leading digit: one that would
// wrap around once as much as one that would wrap several times (or a 40-digit one); the values
// just below 2^128 keep their exact value, and so does every value between 2^64 and 2^128.
TEST(ParseNumber, NoValueAtOrAbove2To128WrapsAround) {
  const std::string max = "340282366920938463463374607431768211455";  // 2^128 - 1
  for (char lead = '1'; lead <= '9'; ++lead) {
    for (const std::string& tail :
         {std::string(38, '0'), std::string(38, '9'), max.substr(1), std::string(39, '0')}) {
      const std::string text = std::string(1, lead) + tail;
      if (text.size() == max.size() && text <= max) continue;
      EXPECT_FALSE(parse_number(text).ok)
          << text << " read as " << to_decimal(parse_number(text).value);
    }
  }
  EXPECT_FALSE(parse_number("340282366920938463463374607431768211456").ok);
  EXPECT_FALSE(parse_number("340282366920938463463374607431768211460").ok);
  EXPECT_FALSE(parse_number("340282366920938463463374607431768212000").ok);
  for (unsigned below = 0; below < 1000; ++below) {
    const Number v = kMaxNumber - below;
    const ParsedNumber p = parse_number(to_decimal(v));
    ASSERT_TRUE(p.ok) << to_decimal(v);
    EXPECT_TRUE(p.value == v) << to_decimal(v);
  }
  for (unsigned over = 1; over < 1000; ++over) {  // 2^128 - 1 + over, as text
    std::string text = max;
    unsigned carry = over;
    for (std::size_t i = text.size(); i-- > 0 && carry > 0;) {
      const unsigned digit = static_cast<unsigned>(text[i] - '0') + carry % 10;
      carry = carry / 10 + digit / 10;
      text[i] = static_cast<char>('0' + digit % 10);
    }
    EXPECT_FALSE(parse_number(text).ok) << text;
  }
  // Around 2^64, where the parser moves from 64 to 128 bits, and at random widths above it.
  for (unsigned d = 0; d < 2000; ++d) {
    const Number v = (Number{1} << 64) - 1000 + d;
    const ParsedNumber p = parse_number(to_decimal(v));
    ASSERT_TRUE(p.ok) << to_decimal(v);
    EXPECT_TRUE(p.value == v) << to_decimal(v);
  }
  std::uint64_t state = 88172645463325252ull;
  auto draw = [&state] {  // xorshift64
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 10000; ++i) {
    const int bits = 1 + i % 128;
    Number v = (Number{draw()} << 64) | draw();
    if (bits < 128) v &= (Number{1} << bits) - 1;
    const ParsedNumber p = parse_number("000" + to_decimal(v));
    ASSERT_TRUE(p.ok) << to_decimal(v);
    EXPECT_TRUE(p.value == v) << to_decimal(v);
  }
}

TEST(ParseNumber, RefusesWithAReason) {
  for (const std::string& bad : std::vector<std::string>{
           "", "-1", "+1", "1e9", "0x10", "12a", " 1", "1 ", "1.0",
           "340282366920938463463374607431768211456", std::string(39, '9'),
           "3402823669209384634633746074317682114550", std::string("1\0", 2)}) {
    const ParsedNumber p = parse_number(bad);
    EXPECT_FALSE(p.ok) << "'" << bad << "'";
    EXPECT_FALSE(p.error.empty()) << "'" << bad << "'";
  }
  EXPECT_NE(parse_number("340282366920938463463374607431768211456").error.find("too large"),
            std::string::npos);
  EXPECT_NE(parse_number("-5").error.find("sign"), std::string::npos);
  EXPECT_NE(parse_number(std::string("4\0", 2)).error.find("byte 0"), std::string::npos);
}

TEST(Split, KeepsEmptyFields) {
  EXPECT_EQ(split("1:2:", ':'), (std::vector<std::string>{"1", "2", ""}));
  EXPECT_EQ(split("", ','), (std::vector<std::string>{""}));
  EXPECT_EQ(split("a b", ' '), (std::vector<std::string>{"a", "b"}));
}

// Expressions on the command line (--numbers, --range): exact, checked at every step.
TEST(ParseExpression, ComputesExactly) {
  const std::vector<std::pair<std::string, Number>> cases = {
      {"2^61-1", 2305843009213693951ull},
      {"10^18+9", 1000000000000000009ull},
      {"1e10", 10000000000ull},
      {"3E2", 300},
      {" (2^32+15) * (2^31-1) ", 9223372064772063217ull},
      {"2^3^2", 512},  // right-associative
      {"2*3+4*5", 26},
      {"2+3*4^2", 50},
      {"(((7)))", 7},
      {"2^64-1", 18446744073709551615ull},
      {"2^64", Number{1} << 64},  // 18446744073709551616, not a wrap to 0
      {"2^127-1", (Number{1} << 127) - 1},
      {"2^127+(2^127-1)", kMaxNumber},
      {"(2^64+1)*(2^63-1)", ((Number{1} << 64) + 1) * ((Number{1} << 63) - 1)},
      {"1e38", Number{10000000000000000000ull} * 10000000000000000000ull},
      {"18446744073709551615", 18446744073709551615ull},
      {"1^1000000000000000000", 1},
      {"0^0", 1},
      {"0e5", 0},
      {"5 - 5", 0},
      {"2^100-2^100+7", 7},
      {"97", 97}};
  for (const auto& [text, value] : cases) {
    const ParsedNumber p = parse_number_or_expression(text);
    EXPECT_TRUE(p.ok) << text << ": " << p.error;
    EXPECT_TRUE(p.value == value) << text << " read as " << to_decimal(p.value);
  }
}

// Past 2^128 - 1 a value is a big number: its digits, exact (2^128 is not a wrap to 0).
TEST(ParseExpression, BigNumbersAreExact) {
  const std::string two_128 = "340282366920938463463374607431768211456";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"2^128", two_128},
      {"2^127*2", two_128},
      {"2^64*2^64", two_128},
      {"(2^64)^2", two_128},
      {"340282366920938463463374607431768211455+1", two_128},
      {"(2^43)^3", "680564733841876926926749214863536422912"},
      {"1e39", "1" + std::string(39, '0')},
      {"2^521-1",
       "686479766013060971498190079908139321726943530014330540939446345918554318339765605212255964"
       "0661454554977296311391480858037121987999716643812574028291115057151"},
      {"2^200-2^199", "803469022129495137770981046170581301261101496891396417650688"},
      {"0" + two_128, two_128},  // leading zeros dropped
      {"1" + std::string(99999, '0'), "1" + std::string(99999, '0')}};
  // The largest: 10^100000 - 1 and 2^332192 (100,000 digits each).
  EXPECT_EQ(parse_number_or_expression("10^100000-1").big, std::string(100000, '9'));
  EXPECT_EQ(parse_number_or_expression("2^332192").big.size(), 100000u);
  for (const auto& [text, digits] : cases) {
    const ParsedNumber p = parse_number_or_expression(text);
    EXPECT_TRUE(p.ok) << text << ": " << p.error;
    EXPECT_EQ(p.big, digits) << text;
    EXPECT_TRUE(p.value == 0) << text;
  }
  // Below 2^128 nothing is big, and parse_number keeps refusing 2^128 (counts, journal fields).
  EXPECT_TRUE(parse_number_or_expression("2^128-1").big.empty());
  EXPECT_FALSE(parse_number(two_128).ok);
  EXPECT_EQ(parse_any_number(two_128).big, two_128);
  EXPECT_EQ(parse_any_number("12x" + two_128).error, "not a decimal digit: 'x'");
  EXPECT_EQ(parse_any_number(two_128 + "x").error, "not a decimal digit: 'x'");
}

TEST(ParseExpression, RefusesWithTheCharacterAndTheReason) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      // past 100,000 digits: refused before the value is computed, named where it is seen
      {"2^332194", "at character 9: too large (numbers have at most 100000 digits)"},
      {"2^332192+2^332192", "at character 18: too large"},
      {"2^(2^40)", "at character 9: too large"},
      {"10^100000", "too large (numbers have at most 100000 digits)"},
      {"1e100000", "too large"},
      {"(2^200000)*(2^200000)", "too large"},
      {"10^99999*10+1", "too large (numbers have at most 100000 digits)"},
      {"1" + std::string(100000, '0'), "too large (numbers have at most 100000 digits)"},
      {"3-5", "at character 4: the result is below zero"},
      {"2^(3", "a missing ')'"},
      {"2^", "expected a number, not the end"},
      {"1e", "expected a number, not the end"},
      {"2^x", "expected a number, not 'x'"},
      {"(2)3", "at character 4: unexpected '3'"},
      {"2**3", "expected a number, not '*'"},
      {"-3", "a sign is not allowed"},
      {"1 1", "not a decimal digit: a space"},
      {"0x10", "not a decimal digit: 'x'"},
      {"", "empty number"},
      {std::string(100, '(') + "1" + std::string(100, ')'), "nested more than 64 deep"},
      {"2" + std::string(200, '^'), "expected a number, not '^'"}};
  std::string powers = "2";
  for (int i = 0; i < 100; ++i) powers += "^2";
  EXPECT_NE(parse_number_or_expression(powers).error.find("more than 64 powers in a row"),
            std::string::npos);
  for (const auto& [text, reason] : cases) {
    const ParsedNumber p = parse_number_or_expression(text);
    EXPECT_FALSE(p.ok) << text;
    EXPECT_NE(p.error.find(reason), std::string::npos) << text << ": " << p.error;
  }
}
