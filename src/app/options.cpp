// The command line: Boost.Program_options turns argv into Options, or into a usage error.
// Errors name the option and the offending text; the caller exits with kExitUsage.
#include "app/options.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <vector>

#include "app/option_table.hpp"
#include "primepool/check/method.hpp"
#include "primepool/input.hpp"
#include "primepool/input/number_parser.hpp"
#include "primepool/input/sources.hpp"
#include "primepool/input/text.hpp"
#include "primepool/version.hpp"

namespace po = boost::program_options;

namespace primepool::app {

namespace {

// Threads per rank when --threads is not given: OMP_NUM_THREADS (its first value), else
// SLURM_CPUS_PER_TASK, else 1. Unset, empty or unusable values are skipped.
int default_threads() {
  for (const char* name : {"OMP_NUM_THREADS", "SLURM_CPUS_PER_TASK"}) {
    const char* value = std::getenv(name);
    if (value == nullptr) continue;
    std::string text(value);
    text = text.substr(0, text.find(','));  // OMP_NUM_THREADS may list levels: "4,2"
    const ParsedNumber parsed = parse_number(text);
    if (parsed.ok && parsed.value >= 1 && parsed.value <= 4096)
      return static_cast<int>(parsed.value);
  }
  return 1;
}

// Edits (insert, delete, replace, swap two neighbours) that turn a into b.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

// "; did you mean X?" for the nearest of `words` to `typed` (a third of its letters wrong at
// most), else "".
std::string did_you_mean(const std::string& typed, const std::vector<std::string>& words,
                         const std::string& prefix = "") {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(1, typed.size() / 3) + 1;
  for (const std::string& w : words) {
    const std::size_t distance = edit_distance(typed, w);
    if (distance < best_distance) {
      best = w;
      best_distance = distance;
    }
  }
  return best.empty() ? "" : "; did you mean " + prefix + best + "?";
}

NumberList parse_number_list(const std::string& list) {
  NumberList numbers;
  int position = 0;
  for (const std::string& item : split(list, ',')) {
    ++position;
    const ParsedNumber parsed = parse_number_or_expression(item);
    if (!parsed.ok) {
      throw po::error("--numbers: item " + std::to_string(position) + " '" + printable(item) +
                      "': " + parsed.error);
    }
    numbers.push(parsed.value, parsed.big);
  }
  return numbers;
}

// Every numeric option value follows one rule: spaces around it are ignored, a sign is not a
// number, the offending character is named, and every message states the option's own limits.
std::uint64_t parse_count(const std::string& option, const std::string& text, std::uint64_t min,
                          std::uint64_t max) {
  const std::string limits =
      "give a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  const ParsedNumber parsed = parse_number_field(text);
  if (!parsed.ok) {
    const std::string why = parsed.error.substr(0, parsed.error.find(" (numbers are"));
    throw po::error(option + " '" + printable(text) + "': " + why + "; " + limits);
  }
  if (is_wide(parsed.value) || parsed.value < min || parsed.value > max) {
    throw po::error(option + " " + printable(text) + ": out of range; " + limits);
  }
  return static_cast<std::uint64_t>(parsed.value);
}

// Seconds: digits with at most one decimal point ("10", "0.5"), no sign, no exponent.
// "all" (1), or a decimal fraction above 0 and at most 1.
double parse_fraction(const std::string& option, const std::string& text) {
  if (text == "all") return 1.0;
  const std::string why = option + " '" + printable(text) +
                          "': expected a fraction above 0 and at most 1 (e.g. 0.01), or all";
  int points = 0, digits = 0;
  for (char c : text) {
    if (c == '.' && ++points == 1) continue;
    if (c < '0' || c > '9' || digits > 12) throw po::error(why);
    ++digits;
  }
  if (digits == 0) throw po::error(why);
  const double value = std::stod(text);
  if (!(value > 0.0) || value > 1.0) throw po::error(why);
  return value;
}

double parse_seconds(const std::string& option, const std::string& text, double max) {
  const std::size_t first = text.find_first_not_of(" \t");
  const std::string t = first == std::string::npos
                            ? ""
                            : text.substr(first, text.find_last_not_of(" \t") - first + 1);
  int points = 0, digits = 0;
  for (char c : t) {
    if (c == '.' && ++points == 1) continue;
    if (c < '0' || c > '9') {
      throw po::error(option + " '" + printable(text) + "': not a number of seconds: " +
                      describe_char(c) + "; give seconds from 0 to " +
                      std::to_string(static_cast<long>(max)) + ", e.g. 10 or 0.5");
    }
    ++digits;
  }
  if (digits == 0 || digits > 12)
    throw po::error(option + " '" + printable(text) + "': expected seconds, e.g. 10 or 0.5");
  const double value = std::stod(t);
  if (value > max)
    throw po::error(option + " " + t + ": must be at most " +
                    std::to_string(static_cast<long>(max)) + " seconds");
  return value;
}

// The enum value whose word (option_table.hpp) `value` is, or a usage error listing the words.
template <class Enum>
Enum choice(const std::string& option, const std::string& value,
            const std::vector<std::string>& words) {
  std::string list;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (value == words[i]) return static_cast<Enum>(i);
    list += list.empty() ? words[i] : ", " + words[i];
  }
  throw po::error(option + " '" + printable(value) + "': expected one of " + list +
                  did_you_mean(value, words));
}

// Words given where FILE goes: one file, or numbers meant for --numbers, said so.
std::optional<std::string> positional_file(const po::variables_map& vm) {
  if (!vm.count("input-file")) return std::nullopt;
  const auto& words = vm["input-file"].as<std::vector<std::string>>();
  if (words.size() == 1) return words[0];
  std::string list, quoted;
  bool numbers = true;
  for (const std::string& w : words) {
    numbers = numbers && parse_number_or_expression(w).ok;
    list += (list.empty() ? "" : ",") + w;
    quoted += (quoted.empty() ? "'" : ", '") + printable(w) + "'";
  }
  if (numbers) {
    throw po::error("several numbers (" + quoted + ") where one FILE goes; to check them, give " +
                    "--numbers " + printable(list));
  }
  throw po::error("one FILE at a time, not " + std::to_string(words.size()) + " (" + quoted +
                  "); join them first: cat FILE... | primepool");
}

void read_input(const po::variables_map& vm, Options& o) {
  const std::optional<std::string> file = positional_file(vm);
  std::vector<std::string> given;  // the inputs this command line names
  if (vm.count("numbers")) given.push_back("--numbers");
  if (file) given.push_back("FILE '" + printable(*file) + "'");
  if (vm.count("range")) given.push_back("--range");
  if (vm.count("random")) given.push_back("--random");
  if (given.size() > 1) {
    std::string named = given[0];
    for (std::size_t i = 1; i < given.size(); ++i) named += " and " + given[i];
    throw po::error(
        "give one input (FILE, --numbers, --range or --random); this command line has " + named);
  }
  if (vm.count("replay")) {
    o.replay = vm["replay"].as<std::string>();
    if (!given.empty() || vm.count("journal")) {
      throw po::error("--replay JOURNAL prints a journal: it takes no input and no --journal");
    }
  }
  if ((vm.count("bits") || vm.count("seed")) && !vm.count("random")) {
    throw po::error("--bits and --seed go with --random");
  }
  if (vm.count("numbers")) o.numbers = parse_number_list(vm["numbers"].as<std::string>());
  o.file = file;
  if (vm.count("range")) o.range = vm["range"].as<std::string>();
  if (vm.count("random"))
    o.random_count = parse_count("--random", vm["random"].as<std::string>(), 0, UINT64_MAX);
  if (vm.count("bits"))
    o.bits = static_cast<int>(
        parse_count("--bits", vm["bits"].as<std::string>(), 1, RandomSource::kMaxBits));
  if (vm.count("seed")) o.seed = parse_count("--seed", vm["seed"].as<std::string>(), 0, UINT64_MAX);
  o.read_by = choice<ReadBy>("--read-by", vm["read-by"].as<std::string>(), kReaders);
  o.read_by_given = !vm["read-by"].defaulted();
}

// libprimesieve sieves below 2^64 only. A range that is bad in other ways is refused, with its
// own message, where the input is opened.
void sieve_range_fits(const std::string& spec) {
  std::optional<Number> largest;
  try {
    const auto range = parse_range(spec);
    largest = range->max_value();
    if (!largest && range->size().value_or(0) > 0) {  // a range that reaches 2^128
      throw po::error("--method sieve: --range " + printable(spec) +
                      " reaches 2^128 or more, and the sieve (libprimesieve) stops at 2^64 - 1; "
                      "use --method mr");
    }
  } catch (const InputError&) {
    return;
  }
  if (largest && is_wide(*largest)) {
    throw po::error("--method sieve: --range " + printable(spec) + " reaches " +
                    to_decimal(*largest) +
                    ", and the sieve (libprimesieve) stops at 2^64 - 1; use --method mr");
  }
}

void read_work(const po::variables_map& vm, Options& o) {
  const std::string method = vm["method"].as<std::string>();
  o.method = find_method(method);
  if (o.method == nullptr) {
    std::string names;
    for (const auto& n : method_names()) names += (names.empty() ? "" : ", ") + n;
    throw po::error("--method '" + printable(method) + "': expected one of " + names +
                    ", or sleep:DURATION[:exp] with DURATION like 1ms, 100us (at most 10 s)" +
                    did_you_mean(method, method_names()));
  }
  if (vm.count("prove")) o.method = &proving(*o.method);
  if (o.method->progression_test && !vm.count("range")) {
    throw po::error(
        "--method sieve needs --range A:B[:STEP]: a sieve works on an interval "
        "(for a file, --numbers or --random, use --method mr)");
  }
  if (o.method->progression_test) sieve_range_fits(vm["range"].as<std::string>());
  const std::string chunk = vm["chunk"].as<std::string>();
  const auto policy = ChunkPolicy::parse(chunk);
  if (!policy) {
    throw po::error("--chunk '" + chunk + "': expected auto or a number from 1 to " +
                    std::to_string(ChunkPolicy::kMaxChunk));
  }
  o.chunk = *policy;
  o.force = vm.count("force") > 0;
  o.preflight = vm.count("preflight") > 0;
  if (vm.count("verify")) o.verify = parse_fraction("--verify", vm["verify"].as<std::string>());
  o.threads =
      vm.count("threads")
          ? static_cast<int>(parse_count("--threads", vm["threads"].as<std::string>(), 1, 4096))
          : default_threads();
}

void read_output(const po::variables_map& vm, Options& o) {
  o.verbose = vm.count("verbose") > 0;
  o.format = choice<Format>("--format", vm["format"].as<std::string>(), kFormats);
  if (vm.count("output")) o.output = vm["output"].as<std::string>();
  // -o name.csv or name.jsonl chooses that format, unless --format says otherwise.
  if (o.output && vm["format"].defaulted()) {
    const auto ends_with = [&](const std::string& tail) {
      return o.output->size() > tail.size() &&
             o.output->compare(o.output->size() - tail.size(), tail.size(), tail) == 0;
    };
    if (ends_with(".csv")) o.format = Format::kCsv;
    if (ends_with(".jsonl")) o.format = Format::kJsonl;
  }
  o.order = choice<Order>("--order", vm["order"].as<std::string>(), kOrders);
  o.primes_only = vm.count("primes-only") > 0;
  o.quiet = vm.count("quiet") > 0;
  if (vm.count("summary-json")) o.summary_json = vm["summary-json"].as<std::string>();
  o.progress = choice<ProgressMode>("--progress", vm["progress"].as<std::string>(), kProgressModes);
  if (vm.count("expect-ranks")) {
    o.expect_ranks = static_cast<int>(
        parse_count("--expect-ranks", vm["expect-ranks"].as<std::string>(), 1, 1000000));
  }
}

void read_safety(const po::variables_map& vm, Options& o) {
  if (vm.count("journal")) o.journal = vm["journal"].as<std::string>();
  o.resume = vm.count("resume") > 0;
  if (o.resume && !o.journal) throw po::error("--resume needs --journal FILE");
  o.lock = vm.count("no-lock") == 0;
  o.grace = parse_seconds("--grace", vm["grace"].as<std::string>(), 86400);
  o.stall_warn = parse_seconds("--stall-warn", vm["stall-warn"].as<std::string>(), 1e6);
  if (o.stall_warn < 2) {
    throw po::error(
        "--stall-warn: must be at least 2 seconds (busy workers send a heartbeat every second)");
  }
  o.stall_timeout = parse_seconds("--stall-timeout", vm["stall-timeout"].as<std::string>(), 1e6);
}

// An option primepool does not have: a rank count explained, else the nearest option's name.
std::string unknown_option_message(const std::string& name, const OptionTable& table) {
  const std::string what = "unrecognised option '" + printable(name) + "'";
  for (const char* ranks : {"-n", "-np", "--np", "--n", "-N", "--ranks", "--nprocs", "--procs"}) {
    if (name == ranks) {
      return what + ": primepool takes no rank count; the MPI launcher starts the ranks " +
             "(mpirun -n 4 build/primepool ..., or jobs/laptop.sh 4: rank 0 and 3 workers), and " +
             "--threads T runs T threads in each";
    }
  }
  std::vector<std::string> names;
  for (const auto& o : table.all.options()) {
    if (o->long_name() != "input-file") names.push_back(o->long_name());
  }
  const std::size_t dashes = name.find_first_not_of('-');
  if (dashes == std::string::npos || dashes == 1) return what;  // a short option: no guess
  return what + did_you_mean(name.substr(dashes), names, "--");
}

std::string help_text(const OptionTable& table) {
  std::ostringstream text;
  text << kUsage << "\n"
       << table.input << "\n"
       << table.work << "\n"
       << table.output << "\n"
       << table.safety << "\n"
       << kExamplesHelp << "\n"
       << kEnvironmentHelp << "\n"
       << kExitCodesHelp;
  return text.str();
}

}  // namespace

ParseOutcome parse_options(int argc, const char* const* argv) {
  ParseOutcome out;
  const OptionTable table;
  try {
    po::variables_map vm;
    // Option names are never abbreviated: --meth is an error, not --method.
    const int style =
        po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(argc, argv)
                  .options(table.all)
                  .positional(table.positional)
                  .style(style)
                  .run(),
              vm);
    po::notify(vm);
    if (vm.count("help") || vm.count("version")) {
      out.exit_now = true;
      out.message = vm.count("help") ? help_text(table)
                                     : std::string("primepool ") + PRIMEPOOL_VERSION + "\n";
      return out;
    }
    read_input(vm, out.options);
    read_work(vm, out.options);
    read_output(vm, out.options);
    read_safety(vm, out.options);
  } catch (const po::unknown_option& e) {
    out.exit_now = true;
    out.exit_code = kExitUsage;
    out.message_is_error = true;
    out.message = "primepool: " + unknown_option_message(e.get_option_name(), table) +
                  "\nTry 'primepool --help'.\n";
  } catch (const po::error& e) {
    out.exit_now = true;
    out.exit_code = kExitUsage;
    out.message_is_error = true;
    out.message = std::string("primepool: ") + e.what() + "\nTry 'primepool --help'.\n";
  }
  return out;
}

}  // namespace primepool::app
