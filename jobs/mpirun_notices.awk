# Filters mpirun's standard error: drops Open MPI's two "job has been aborted" boxes that follow
# a rank's exit with one of primepool's codes (1 to 5) once primepool has said why (a stop, a
# usage error, a failed write), and mpirun's "Forwarding signal 10/12 to job" (the scripts send
# those signals themselves and say so).
# Every other line and box passes through unchanged, in order. Used by jobs/laptop.sh and
# jobs/batch_lib.sh:  mpirun ... 2> >(awk -f jobs/mpirun_notices.awk >&2)
function flush_pending() {
  if (pending != "") { printf "%s", pending; fflush() }
  pending = ""
}
/^-----------------------------------------------+$/ {
  if (!inbox) { inbox = 1; box = $0 "\n"; next }
  inbox = 0
  box = box $0 "\n"
  if (box ~ /terminated normally, but [0-9]+ process(es)? returned/ && said) {
    flush_pending()
    pending = box   # decided by the box that follows it
  } else if (box ~ /exited with non-zero status/ &&
             box ~ /Exit code: +[1-5]\n/ && said) {
    pending = ""    # rank 0 ended with one of primepool's own codes, after its message
  } else {
    flush_pending()
    printf "%s", box; fflush()
  }
  next
}
inbox { box = box $0 "\n"; next }
/^mpirun: Forwarding signal 1[02] to job$/ { next }
{
  flush_pending()
  if ($0 ~ /^primepool: /) said = 1
  print; fflush()
}
END {
  flush_pending()
  if (inbox) printf "%s", box
}
