// The built-in sample: the reference text's 20 numbers, used when no input is given.
// Small and large primes, composites with small factors and with two large factors.
#include "primepool/input.hpp"

namespace primepool {

const std::vector<Number>& sample_numbers() {
  static const std::vector<Number> numbers = {
      2,
      142702110479723,
      299593572317531,
      3333333333333301,
      3333333333333333,
      3333335652092209,
      4444444444444423,
      4444444444444444,
      4444444488888889,
      5555553133149889,
      5555555555555503,
      5555555555555555,
      6666666666666666,
      6666666666666719,
      6666667141414921,
      7777777536340681,
      7777777777777753,
      7777777777777777,
      9999999999999917,
      9999999999999999,
  };
  return numbers;
}

}  // namespace primepool
