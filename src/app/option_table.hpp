// The command line's option table: every option, its value name, default and help text, in the
// groups --help shows. Parsing (options.cpp), the man page and the completion (docs.cpp) read it.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace primepool::app {

extern const char* const kUsage;            // the usage lines at the top of --help
extern const char* const kExitCodesHelp;    // the exit codes paragraph at the end of --help
extern const char* const kExamplesHelp;     // the examples after the options in --help
extern const char* const kEnvironmentHelp;  // the environment variables primepool reads

// The words some options take, in the order of their enums in options.hpp (parsing maps them;
// the completion offers them).
inline const std::vector<std::string> kFormats{"table", "csv", "jsonl"};
inline const std::vector<std::string> kOrders{"completion", "input"};
inline const std::vector<std::string> kReaders{"workers", "rank0"};
inline const std::vector<std::string> kProgressModes{"auto", "always", "never"};

// The word for `value` of one of those enums.
template <class Enum>
const std::string& word(Enum value, const std::vector<std::string>& words) {
  return words.at(static_cast<std::size_t>(value));
}

struct OptionTable {
  OptionTable();
  boost::program_options::options_description input, work, output, safety, hidden, all;
  boost::program_options::positional_options_description positional;

  struct Group {
    const char* caption;
    const boost::program_options::options_description* options;
  };
  // The groups --help shows, in its order, with their captions.
  std::vector<Group> groups() const;
};

}  // namespace primepool::app
