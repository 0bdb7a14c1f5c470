// Build-time generator of the man page (primepool.1) and the bash completion, both read from the
// option table (option_table.cpp), so --help, the man page and the completion cannot disagree.
#include <iostream>
#include <string>
#include <vector>

#include "app/option_table.hpp"
#include "primepool/methods.hpp"
#include "primepool/version.hpp"

namespace po = boost::program_options;
using primepool::app::OptionTable;

namespace {

// Text as roff: backslashes and hyphens escaped, a leading dot or quote made literal.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

// "-t [ --threads ]" -> "-t, --threads"; "--numbers" stays.
std::string option_names(const po::option_description& o) {
  const std::string& long_name = o.long_name();
  const std::string shown = o.format_name();
  if (shown.size() > 1 && shown[0] == '-' && shown[1] != '-') {
    return shown.substr(0, 2) + ", --" + long_name;
  }
  return "--" + long_name;
}

void man_options(std::ostream& out, const OptionTable::Group& group) {
  out << ".SS " << roff(group.caption) << "\n";
  for (const auto& o : group.options->options()) {
    out << ".TP\n\\fB" << roff(option_names(*o)) << "\\fR";
    if (o->semantic()->max_tokens() > 0) out << " \\fI" << roff(o->format_parameter()) << "\\fR";
    out << "\n" << roff(o->description()) << "\n";
  }
}

// Lines of `text` as roff paragraphs (an empty line starts a new one).
void man_text(std::ostream& out, const std::string& text) {
  std::string line;
  for (char c : text + "\n") {
    if (c != '\n') {
      line += c;
      continue;
    }
    out << (line.empty() ? ".PP" : roff(line)) << "\n";
    line.clear();
  }
}

void write_man_page(std::ostream& out) {
  const OptionTable table;
  out << ".TH PRIMEPOOL 1 \"\" \"primepool " << PRIMEPOOL_VERSION << "\" \"User Commands\"\n"
      << ".SH NAME\nprimepool \\- check numbers for primality with a pool of MPI worker ranks\n"
      << ".SH SYNOPSIS\n.B primepool\n[\\fIoptions\\fR] [\\fIFILE\\fR|\\fB\\-\\fR]\n.br\n"
      << ".B mpirun \\-n \\fIN\\fB primepool\n[\\fIoptions\\fR] [\\fIFILE\\fR|\\fB\\-\\fR]\n"
      << ".SH DESCRIPTION\n";
  man_text(out,
           "primepool checks whether numbers are prime. Under an MPI launcher (mpirun, srun) rank "
           "0 is the coordinator: it hands out jobs of numbers as the workers ask for them and "
           "collects one result per number (the number, prime or not, the seconds it took); "
           "every other rank is a worker that loops until the coordinator's sentinel tells it to "
           "stop. With --threads T each worker rank checks with T OpenMP threads. Started on its "
           "own, primepool checks the numbers in one process (with T threads if asked).\n\n"
           "The input is one of FILE (one number a line, '#' comments; - is standard input), "
           "--numbers, --range or --random. With none of them, standard input is the input when "
           "it is a pipe or a file; a terminal or /dev/null leaves the built-in sample (the 20 "
           "numbers of the reference text). Under mpirun, rank 0's standard input is always "
           "mpirun's pipe, so the rule asks about mpirun's own standard input. Under srun, every "
           "task's standard input is a pipe from Slurm: it is the input when it brings a byte "
           "within a second.\n\n"
           "Rank 0 reads --numbers, --range, --random and standard input and sends the numbers. "
           "A regular FILE under mpirun is read by the workers, each its own byte slices (the "
           "file must be at the same path on every node), except with --method trial or wheel, "
           "where rank 0 reads it so that a hard number can be spread (see --read-by).");
  out << ".SH OPTIONS\n";
  for (const auto& group : table.groups()) man_options(out, group);
  out << ".SH EXIT STATUS\n";
  man_text(out, primepool::app::kExitCodesHelp);
  out << ".SH SIGNALS\n";
  man_text(out,
           "SIGTERM, SIGINT (Ctrl-C), SIGUSR1 or SIGUSR2 on rank 0 stops handing out work; rank 0 "
           "sends every worker the sentinel, collects what is in flight for up to --grace "
           "seconds, writes the journal and the output and exits 3. A second signal at least 2 s "
           "later exits at once with 4. Under mpirun, send SIGUSR1 to mpirun: it forwards it as "
           "it is (SIGTERM and SIGINT become SIGTERM and, a second later, SIGKILL). jobs/laptop.sh "
           "passes a Ctrl-C on as SIGUSR2.");
  out << ".SH ENVIRONMENT\n";
  const std::string environment = primepool::app::kEnvironmentHelp;
  man_text(out, environment.substr(environment.find(": ") + 2));
  out << ".SH FILES\n";
  man_text(out,
           "--journal FILE: every result as it arrives, in checksummed lines (a line a job), "
           "locked while a run appends to it; --resume reads it back and checks only the rest, "
           "--replay prints it.\n\n"
           "-o FILE: the results, truncated only once the run is accepted; a name ending .csv or "
           ".jsonl chooses that format.\n\n"
           "--summary-json FILE: the run's summary (counts, outcome, per rank figures).\n\n"
           "primepool-runs/HASH.journal: the journal the job scripts (jobs/laptop.sh, "
           "jobs/slurm.sbatch, jobs/pbs.sh) keep for each set of options, with its summary as "
           "HASH.journal.summary.json; the same command resumes it.");
  out << ".SH EXAMPLES\n.nf\n";
  const std::string examples = primepool::app::kExamplesHelp;
  man_text(out, examples.substr(examples.find('\n') + 1));
  out << ".fi\n"
      << ".SH SEE ALSO\n.BR mpirun (1),\n.BR srun (1)\n";
}

std::string words(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& w : list) out += (out.empty() ? "" : " ") + w;
  return out;
}

void write_bash_completion(std::ostream& out) {
  const OptionTable table;
  std::string all, with_value, files;
  for (const auto& o : table.all.options()) {
    if (o->long_name() == "input-file") continue;
    const std::string name = "--" + o->long_name();
    all += " " + name;
    const std::string shown = o->format_name();
    const std::string alias = shown.size() > 1 && shown[1] != '-' ? shown.substr(0, 2) : "";
    if (!alias.empty()) all += " " + alias;
    if (o->semantic()->max_tokens() == 0) continue;
    const bool file = o->format_parameter().rfind("FILE", 0) == 0 ||
                      o->format_parameter().rfind("JOURNAL", 0) == 0;
    std::string& list = file ? files : with_value;
    list += (list.empty() ? "" : "|") + name + (alias.empty() ? "" : "|" + alias);
  }
  out << "# bash completion for primepool, generated from its option table (src/app/docgen.cpp).\n"
      << "_primepool() {\n"
      << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
      << "  case $prev in\n"
      << "    --method) COMPREPLY=($(compgen -W \"" << words(primepool::method_names())
      << "\" -- \"$cur\")); return ;;\n"
      << "    --format) COMPREPLY=($(compgen -W \"" << words(primepool::app::kFormats)
      << "\" -- \"$cur\")); return ;;\n"
      << "    --order) COMPREPLY=($(compgen -W \"" << words(primepool::app::kOrders)
      << "\" -- \"$cur\")); return ;;\n"
      << "    --read-by) COMPREPLY=($(compgen -W \"" << words(primepool::app::kReaders)
      << "\" -- \"$cur\")); return ;;\n"
      << "    --progress) COMPREPLY=($(compgen -W \"" << words(primepool::app::kProgressModes)
      << "\" -- \"$cur\")); return ;;\n"
      << "    --chunk) COMPREPLY=($(compgen -W \"auto\" -- \"$cur\")); return ;;\n"
      << "    " << files << ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
      << "    " << with_value << ") return ;;\n"
      << "  esac\n"
      << "  if [[ $cur == -* ]]; then\n"
      << "    COMPREPLY=($(compgen -W \"" << all.substr(1) << "\" -- \"$cur\"))\n"
      << "  else\n"
      << "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
      << "  fi\n"
      << "}\n"
      << "complete -o filenames -F _primepool primepool\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::string what = argc == 2 ? argv[1] : "";
  if (what == "man") {
    write_man_page(std::cout);
  } else if (what == "bash-completion") {
    write_bash_completion(std::cout);
  } else {
    std::cerr << "usage: primepool_docgen man|bash-completion\n";
    return 2;
  }
  return std::cout.flush() ? 0 : 1;
}
