#!/usr/bin/env bash
# dcplan on Slurm: a 1,000,000-run Monte Carlo study of the Gui'an plan as a job
# array of 100 shards, then one merge. See deploy/README.md.
#
#   bash deploy/slurm-array.sh          # from the dcplan checkout: submits the
#                                       # array and a merge that waits for it
#
# Array task k runs shard k of 100 (both 0-based) and writes
# $STUDY/shard-k-of-100/; a requeued task resumes the pieces it had finished.
# The merge job runs only if every task succeeded (afterok) and writes
# $RESULTS/: guian-plan/result.json, guian-plan/yearly.csv and manifest.json —
# byte for byte what `dcplan batch` on one machine would write.
#
# Everything below can be overridden from the environment, e.g.
#   SHARDS=20 RUNS=200000 STUDY=/scratch/$USER/plan bash deploy/slurm-array.sh
# The #SBATCH lines are defaults; command-line options of sbatch override them.
#
#SBATCH --job-name=dcplan-study
#SBATCH --cpus-per-task=4
#SBATCH --mem=1G
#SBATCH --time=01:00:00
#SBATCH --requeue
#SBATCH --output=dcplan-study-%A_%a.log
set -euo pipefail

SCENARIOS=${SCENARIOS:-scenarios/guian-plan.yaml}   # files or directories, space-separated
RUNS=${RUNS:-1000000}                               # Monte Carlo runs per scenario
SEED=${SEED:-20200528}
SHARDS=${SHARDS:-100}                               # N: one array task per shard
PARALLEL=${PARALLEL:-25}                            # array tasks running at once
STUDY=${STUDY:-$PWD/dcplan-study}                   # shard directories (shared file system)
RESULTS=${RESULTS:-$PWD/dcplan-results}             # merged results
DCPLAN=${DCPLAN:-node $PWD/bin/dcplan.js}           # or: npx dcplan

if [[ -z "${SLURM_ARRAY_TASK_ID:-}" && "${1:-}" != "--merge" ]]; then
  # Not inside the array: submit it, and the merge after it.
  export SCENARIOS RUNS SEED SHARDS STUDY RESULTS DCPLAN
  mkdir -p "$STUDY"
  array=$(sbatch --parsable --export=ALL --array="0-$((SHARDS - 1))%${PARALLEL}" "$0")
  array=${array%%;*}
  merge=$(sbatch --parsable --export=ALL --dependency="afterok:${array}" --job-name=dcplan-merge \
    --cpus-per-task=1 --mem=1G --time=01:00:00 --output="dcplan-merge-%j.log" "$0" --merge)
  echo "submitted: shards = job ${array} (${SHARDS} tasks), merge = job ${merge} (after all shards succeed)"
  echo "results:   ${RESULTS}/manifest.json"
  exit 0
fi

if [[ "${1:-}" == "--merge" ]]; then
  # shellcheck disable=SC2086  # DCPLAN is a command with arguments
  exec $DCPLAN merge "$STUDY" --out "$RESULTS"
fi

# One array task: shard SLURM_ARRAY_TASK_ID of SHARDS, one simulation thread per CPU.
# shellcheck disable=SC2086  # DCPLAN and SCENARIOS are word lists
exec $DCPLAN batch $SCENARIOS --runs "$RUNS" --seed "$SEED" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --out "$STUDY" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" --resume
