// The command line's option table: every option, its value name, default and help text, in the
// groups --help shows. Parsing (options.cpp), the man page and the completion (docs.cpp) read it.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace primepool::app {

extern const char* const kUsage;          // the usage lines at the top of --help
extern const char* const kExitCodesHelp;  // the exit codes paragraph at the end of --help

// The values some options take (parsing checks them; the completion offers them).
inline const std::vector<std::string> kFormats{"table", "csv", "jsonl"};
inline const std::vector<std::string> kOrders{"completion", "input"};
inline const std::vector<std::string> kReaders{"workers", "rank0"};
inline const std::vector<std::string> kProgressModes{"auto", "always", "never"};

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
