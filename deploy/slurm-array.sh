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
#   CPUS_PER_TASK=8 PARTITION=long MEM=2G TIME=04:00:00 bash deploy/slurm-array.sh
#
# The request is fitted to the cluster before anything is submitted: CPUs per
# task default to 4, or to the most CPUs a node of the partition has if that is
# fewer (sinfo); a CPUS_PER_TASK, MEM or TIME that no node of the partition can
# give stops the script at once with a message naming the variable to change,
# and `sbatch --test-only` must accept the request — instead of an array that
# pends forever (reason PartitionConfig). PRECHECK=0 skips these checks (then
# CPUS_PER_TASK defaults to 4 and PARTITION to the cluster's default); an array
# that squeue says can never start (PartitionConfig, ...) is cancelled either way.
#
# No cluster at hand? deploy/slurm-single-node.sh starts a one-machine Slurm to try it on.
#
#SBATCH --job-name=dcplan-study
#SBATCH --requeue
#SBATCH --open-mode=append
set -euo pipefail

SCENARIOS=${SCENARIOS:-scenarios/guian-plan.yaml}   # files or directories, space-separated
RUNS=${RUNS:-1000000}                               # Monte Carlo runs per scenario
SEED=${SEED:-20200528}
SHARDS=${SHARDS:-100}                               # N: one array task per shard
PARALLEL=${PARALLEL:-25}                            # array tasks running at once
STUDY=${STUDY:-$PWD/dcplan-study}                   # shard directories (shared file system)
RESULTS=${RESULTS:-$PWD/dcplan-results}             # merged results
LOGS=${LOGS:-$PWD}                                  # dcplan-study-<job>_<task>.log, dcplan-merge-<job>.log
DCPLAN=${DCPLAN:-node $PWD/bin/dcplan.js}           # or: npx dcplan
PARTITION=${PARTITION:-}                            # empty: the cluster's default partition
CPUS_PER_TASK=${CPUS_PER_TASK:-}                    # sbatch --cpus-per-task; empty: 4, or fewer if the nodes have fewer
MEM=${MEM:-1G}                                      # sbatch --mem, per task and for the merge
TIME=${TIME:-01:00:00}                              # sbatch --time, per task and for the merge
PRECHECK=${PRECHECK:-1}                             # 0: submit without fitting the request to the partition

die() {
  printf 'slurm-array.sh: %s\n' "$@" >&2
  exit 1
}

# A Slurm time (M, M:S, H:M:S, D-H, D-H:M, D-H:M:S, or infinite) in seconds; -1 for no limit.
seconds() {
  local t=$1 d=0 h=0 m=0 s=0 a b c
  case $t in infinite | INFINITE | unlimited | UNLIMITED) echo -1; return ;; esac
  [[ $t =~ ^([0-9]+-)?[0-9]+(:[0-9]+){0,2}$ ]] || return 1
  if [[ $t == *-* ]]; then
    d=${t%%-*}
    IFS=: read -r h m s <<<"${t#*-}"
  else
    IFS=: read -r a b c <<<"$t"
    if [[ -n ${c:-} ]]; then h=$a m=$b s=$c; elif [[ -n ${b:-} ]]; then m=$a s=$b; else m=$a; fi
  fi
  echo $(((((10#$d * 24 + 10#${h:-0}) * 60) + 10#${m:-0}) * 60 + 10#${s:-0}))
}

# A Slurm memory size (number with an optional K, M, G or T; M by default) in MB.
megabytes() {
  [[ $1 =~ ^([0-9]+)([KkMmGgTt]?)$ ]] || return 1
  local n=${BASH_REMATCH[1]}
  case ${BASH_REMATCH[2]} in
    K | k) echo $(((10#$n + 1023) / 1024)) ;;
    '' | M | m) echo $((10#$n)) ;;
    G | g) echo $((10#$n * 1024)) ;;
    T | t) echo $((10#$n * 1024 * 1024)) ;;
  esac
}

# Fit the request to the partition (sinfo, scontrol): CPUS_PER_TASK's default, and a
# message naming the variable to change when no node can ever run a task.
fit_request() {
  local nodes cpus_max mem_max limit limit_s part_cpus
  if [[ -z $PARTITION ]]; then
    PARTITION=$(sinfo -h -o '%P' | sed -n 's/\*$//p' | head -n 1) || die "sinfo failed: is this a Slurm login node? (PRECHECK=0 skips the checks)"
    [[ -n $PARTITION ]] || die "the cluster has no default partition: set PARTITION (sinfo -s lists them)"
  fi
  nodes=$(sinfo -h -N -p "$PARTITION" -o '%c %m') || die "sinfo -p $PARTITION failed"
  [[ -n $nodes ]] || die "partition '$PARTITION' has no nodes (sinfo -s lists the partitions): set PARTITION"
  cpus_max=$(awk '{ sub(/\+$/, "", $1); if ($1 + 0 > m) m = $1 + 0 } END { print m + 0 }' <<<"$nodes")
  mem_max=$(awk '{ sub(/\+$/, "", $2); if ($2 + 0 > m) m = $2 + 0 } END { print m + 0 }' <<<"$nodes")
  part_cpus=$(scontrol show partition "$PARTITION" -o | grep -o 'MaxCPUsPerNode=[0-9]*' | cut -d= -f2 || true)
  if [[ -n $part_cpus ]] && ((part_cpus < cpus_max)); then cpus_max=$part_cpus; fi
  ((cpus_max > 0)) || die "sinfo reports no CPUs on the nodes of partition '$PARTITION': set PARTITION"

  if [[ -z $CPUS_PER_TASK ]]; then
    CPUS_PER_TASK=$((cpus_max < 4 ? cpus_max : 4))
  elif ((CPUS_PER_TASK > cpus_max)); then
    die "CPUS_PER_TASK=$CPUS_PER_TASK (sbatch --cpus-per-task) is more than any node of partition '$PARTITION' has: at most $cpus_max CPUs (sinfo -N -p $PARTITION -o '%N %c')." \
      "The array would pend forever (reason PartitionConfig). Set CPUS_PER_TASK=$cpus_max or less, or PARTITION to a partition with larger nodes."
  fi
  if (($(megabytes "$MEM") > mem_max)); then
    die "MEM=$MEM (sbatch --mem) is more than any node of partition '$PARTITION' has: at most ${mem_max} MB (sinfo -N -p $PARTITION -o '%N %m'; RealMemory in slurm.conf)." \
      "The array would pend forever. Set MEM=${mem_max}M or less (a shard of 10,000 runs needs about 400 MB), or PARTITION."
  fi
  limit=$(sinfo -h -p "$PARTITION" -o '%l' | head -n 1)
  limit_s=$(seconds "$limit") || limit_s=-1
  if ((limit_s >= 0 && $(seconds "$TIME") > limit_s)); then
    die "TIME=$TIME (sbatch --time) is longer than partition '$PARTITION' allows: $limit (sinfo -p $PARTITION -o %l)." \
      "The array would pend forever (reason PartitionTimeLimit). Set TIME=$limit or less, or PARTITION."
  fi
}

if [[ -z "${SLURM_ARRAY_TASK_ID:-}" && "${1:-}" != "--merge" ]]; then
  # Not inside the array: fit the request to the cluster, submit the array, and the merge after it.
  [[ $SHARDS =~ ^[1-9][0-9]*$ ]] || die "SHARDS must be a positive integer, got '$SHARDS'"
  [[ $PARALLEL =~ ^[1-9][0-9]*$ ]] || die "PARALLEL must be a positive integer, got '$PARALLEL'"
  [[ -z $CPUS_PER_TASK || $CPUS_PER_TASK =~ ^[1-9][0-9]*$ ]] || die "CPUS_PER_TASK must be a positive integer, got '$CPUS_PER_TASK'"
  megabytes "$MEM" >/dev/null || die "MEM must be a size such as 1G or 800M, got '$MEM'"
  seconds "$TIME" >/dev/null || die "TIME must be a Slurm time such as 01:00:00 or 2-00:00:00, got '$TIME'"
  if [[ $PRECHECK != 0 ]]; then fit_request; fi
  CPUS_PER_TASK=${CPUS_PER_TASK:-4}
  where=()
  if [[ -n $PARTITION ]]; then where=(--partition="$PARTITION"); fi
  request=("${where[@]}" --cpus-per-task="$CPUS_PER_TASK" --mem="$MEM" --time="$TIME" --array="0-$((SHARDS - 1))%${PARALLEL}")
  if [[ $PRECHECK != 0 ]] && ! answer=$(sbatch --test-only "${request[@]}" "$0" 2>&1); then
    die "Slurm would not run the array (sbatch --test-only ${request[*]}):" "  ${answer//$'\n'/ }" \
      "Change PARTITION, CPUS_PER_TASK, MEM or TIME (sinfo -N -p ${PARTITION:-<partition>} -o '%N %c %m %l' shows what the nodes have)."
  fi

  export SCENARIOS RUNS SEED SHARDS STUDY RESULTS DCPLAN
  mkdir -p "$STUDY" "$LOGS"
  array=$(sbatch --parsable --export=ALL "${request[@]}" --output="$LOGS/dcplan-study-%A_%a.log" "$0")
  array=${array%%;*}
  merge=$(sbatch --parsable --export=ALL "${where[@]}" --dependency="afterok:${array}" --job-name=dcplan-merge \
    --cpus-per-task=1 --mem="$MEM" --time="$TIME" --output="$LOGS/dcplan-merge-%j.log" "$0" --merge)
  merge=${merge%%;*}

  # A request the scheduler can never satisfy pends silently: say so and withdraw it.
  reason=$(squeue -h -j "$array" -o '%r' 2>/dev/null | head -n 1 || true)
  case $reason in
    PartitionConfig | PartitionNodeLimit | PartitionTimeLimit | BadConstraints | InvalidAccount | InvalidQOS)
      scancel "$array" "$merge" || true
      die "the array would never start (squeue reason $reason): cancelled jobs $array and $merge." \
        "Change CPUS_PER_TASK (now $CPUS_PER_TASK), MEM (now $MEM), TIME (now $TIME) or PARTITION${PARTITION:+ (now $PARTITION)}."
      ;;
  esac
  cpus="${CPUS_PER_TASK} CPU$([[ $CPUS_PER_TASK == 1 ]] || echo s)"
  echo "submitted: shards = job ${array} (${SHARDS} tasks, ${cpus} each${PARTITION:+, partition $PARTITION}), merge = job ${merge} (after all shards succeed)"
  echo "logs:      ${LOGS}/dcplan-study-${array}_<task>.log, ${LOGS}/dcplan-merge-${merge}.log"
  echo "results:   ${RESULTS}/manifest.json"
  exit 0
fi

if [[ "${1:-}" == "--merge" ]]; then
  # shellcheck disable=SC2086  # DCPLAN is a command with arguments
  exec $DCPLAN merge "$STUDY" --out "$RESULTS"
fi

# One array task: shard SLURM_ARRAY_TASK_ID of SHARDS, one simulation thread per CPU.
# A requeued task (SLURM_RESTART_COUNT > 0) keeps the pieces it had finished (--resume).
cpus=${SLURM_CPUS_PER_TASK:-1}
echo "dcplan-study: shard ${SLURM_ARRAY_TASK_ID}/${SHARDS} on $(hostname), ${cpus} CPU$([[ $cpus == 1 ]] || echo s), attempt $((${SLURM_RESTART_COUNT:-0} + 1))"
# shellcheck disable=SC2086  # DCPLAN and SCENARIOS are word lists
exec $DCPLAN batch $SCENARIOS --runs "$RUNS" --seed "$SEED" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --out "$STUDY" \
  --workers "$cpus" --resume
