# Sourced by the job scripts: lets Open MPI run as root (containers, CI), where that is the case.
# Open MPI refuses root unless both variables say it is intended.
if [ "$(id -u)" -eq 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
