// Example: the kernels alone. Check a few numbers with every method by name, as the reference's
// is_prime would, without a pool: no MPI, no threads. Usage: example_check_numbers [N...]
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <primepool/methods.hpp>
#include <vector>

int main(int argc, char** argv) {
  std::vector<std::uint64_t> numbers{2, 91, 97, 1000000007, 18446744073709551557ull};
  if (argc > 1) numbers.clear();
  for (int i = 1; i < argc; ++i) numbers.push_back(std::strtoull(argv[i], nullptr, 10));
  for (const char* name : {"trial", "wheel", "mr"}) {
    const primepool::Method& method = *primepool::find_method(name);
    std::cout << name << ":";
    for (const std::uint64_t n : numbers)
      std::cout << " " << n << (primepool::check(method, n) ? " prime" : " -");
    std::cout << "\n";
  }
}
