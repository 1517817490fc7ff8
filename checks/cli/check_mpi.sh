#!/bin/sh
# check_mpi.sh MPIEXEC IRVERIFY RANKS CLAIM WORK_DIR: runs CLAIM in one process and under `MPIEXEC -n RANKS` and
# requires the records to be the same to the last bit (irverify compare --exact; timings, threads and ranks aside).
# --oversubscribe lets R exceed the cores; OpenMPI refuses root unless told (CI containers run as root).
mpiexec=$1; irverify=$2; ranks=$3; claim=$4; out=$5/$4-n$3
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
rm -rf "$out" && mkdir -p "$out/one" "$out/mpi" || exit 2
"$irverify" run "$claim" --out "$out/one" --quiet >"$out/one.txt" 2>&1; rc=$?
if [ "$rc" -gt 1 ]; then cat "$out/one.txt"; echo "irverify run exited $rc"; exit 1; fi
"$mpiexec" -n "$ranks" "$irverify" run "$claim" --out "$out/mpi" --quiet >"$out/mpi.txt" 2>&1; rc=$?
if [ "$rc" -gt 1 ]; then cat "$out/mpi.txt"; echo "mpiexec -n $ranks irverify run exited $rc"; exit 1; fi
exec "$irverify" compare --exact "$out/one" "$out/mpi" "$claim"
