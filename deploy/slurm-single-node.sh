#!/usr/bin/env bash
# A throwaway single-node Slurm cluster on this machine, to try deploy/slurm-array.sh
# without a real cluster (deploy/README.md, "Slurm on one machine").
#
#   sudo apt-get install --no-install-recommends slurm-wlm munge     # Debian/Ubuntu
#   sudo bash deploy/slurm-single-node.sh up /tmp/slurm1             # prints the export line
#   export SLURM_CONF=/tmp/slurm1/slurm.conf
#   SHARDS=4 RUNS=4000 bash deploy/slurm-array.sh                      # then squeue, sinfo...
#   sudo bash deploy/slurm-single-node.sh down /tmp/slurm1
#
# `up DIR` writes DIR/slurm.conf and a munge key, and starts munged, slurmctld and
# slurmd with every file (sockets, state, spool, logs, pid files) under DIR, on
# ports that are not Slurm's defaults — it does not touch /etc/slurm, /etc/munge
# or a Slurm already installed and running here. It waits until the node is idle
# and prints `export SLURM_CONF=DIR/slurm.conf`. `down DIR` cancels the cluster's
# jobs, stops the three daemons and any job step still running, and leaves DIR
# (logs included) for you to read or delete.
#
# Needs root: slurmd starts the jobs. The environment can set:
#   SLURMCTLD_PORT, SLURMD_PORT    ports (16817, 16818)
#   CPUS                           CPUs the node offers (default: all of this machine's)
#   MEM_MB                         memory the node offers, MB (default: 90 % of this machine's)
#   CRED_EXPIRE                    seconds a requeued job waits before it starts again (5;
#                                  Slurm's default is 120)
#   SLURM_CONF_EXTRA               more slurm.conf lines, e.g. another partition
set -euo pipefail

cmd=${1:-}
DIR=${2:-}
if [[ ! $cmd =~ ^(up|down)$ || -z $DIR ]]; then
  echo "usage: bash $0 up|down DIR" >&2
  exit 2
fi
DIR=$(realpath -m "$DIR")
CONF=$DIR/slurm.conf
export SLURM_CONF=$CONF

die() {
  printf 'slurm-single-node.sh: %s\n' "$@" >&2
  exit 1
}

# Logs of the three daemons, for a failed start.
show_logs() {
  local f
  for f in "$DIR"/log/*.log; do
    [[ -f $f ]] || continue
    echo "--- $f (last 20 lines)" >&2
    tail -n 20 "$f" >&2
  done
}

pid_of() {
  if [[ -f $DIR/run/$1.pid ]]; then cat "$DIR/run/$1.pid" 2>/dev/null || true; fi
}

# Stop a daemon by its pid file: SIGTERM, then SIGKILL after 10 s.
stop_daemon() {
  local pid
  pid=$(pid_of "$1")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "slurm-single-node.sh: $1 (pid $pid) did not stop on SIGTERM; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

if [[ $cmd == down ]]; then
  [[ -f $CONF ]] || die "$CONF: no such file (was the cluster started with: up $DIR?)"
  # cancel every job of this cluster (SLURM_CONF points at it, not at another Slurm), then wait for them to end
  if [[ -n $(pid_of slurmctld) ]] && kill -0 "$(pid_of slurmctld)" 2>/dev/null; then
    mapfile -t jobs < <(squeue -h -o '%A' 2>/dev/null | sort -u)
    if ((${#jobs[@]} > 0)); then
      scancel "${jobs[@]}" 2>/dev/null || true
      for _ in $(seq 1 100); do
        [[ -z $(squeue -h -o '%A' 2>/dev/null) ]] && break
        sleep 0.1
      done
    fi
  fi
  stop_daemon slurmd
  stop_daemon slurmctld
  stop_daemon munged
  # a job step whose slurmstepd outlived slurmd (it writes to this cluster's slurmd.log): end it and what it started
  declare -A parent=() in_tree=()
  for stat in /proc/[0-9]*/stat; do
    pid=${stat//[^0-9]/}
    read -r line <"$stat" 2>/dev/null || continue
    read -r _ ppid _ <<<"${line##*) }" # after "pid (comm) ": state, ppid, ...
    parent[$pid]=$ppid
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == slurmstepd ]] || continue
    for fd in "/proc/$pid/fd/"*; do
      if [[ $(readlink "$fd" 2>/dev/null) == "$DIR"/* ]]; then in_tree[$pid]=1; break; fi
    done
  done
  if ((${#in_tree[@]} > 0)); then
    grown=1
    while ((grown)); do # add children, grandchildren, ...
      grown=0
      for pid in "${!parent[@]}"; do
        if [[ -z ${in_tree[$pid]:-} && -n ${in_tree[${parent[$pid]}]:-} ]]; then in_tree[$pid]=1 grown=1; fi
      done
    done
    echo "slurm-single-node.sh: ending job steps left running: pids ${!in_tree[*]}" >&2
    kill -KILL "${!in_tree[@]}" 2>/dev/null || true
  fi
  echo "stopped the cluster in $DIR (logs in $DIR/log)"
  exit 0
fi

# ---------------------------------------------------------------- up
[[ $(id -u) == 0 ]] || die "needs root (slurmd starts the jobs): sudo bash $0 up $DIR"
for c in munged slurmctld slurmd sbatch scontrol sinfo squeue; do
  command -v "$c" >/dev/null || die "$c not found: install Slurm and MUNGE first (Debian/Ubuntu: apt-get install --no-install-recommends slurm-wlm munge)"
done
[[ -n $(pid_of slurmctld) ]] && kill -0 "$(pid_of slurmctld)" 2>/dev/null && die "a cluster is already running in $DIR (down $DIR first)"

SLURMCTLD_PORT=${SLURMCTLD_PORT:-16817}
SLURMD_PORT=${SLURMD_PORT:-16818}
CPUS=${CPUS:-$(nproc)}
MEM_MB=${MEM_MB:-$(awk '/^MemTotal:/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)}
CRED_EXPIRE=${CRED_EXPIRE:-5}
HOST=$(hostname -s)

# munged insists that the socket's directory (and the ones above it) can be entered by all,
# and that the key is readable by its owner only
mkdir -p "$DIR"/{munge,run,state,spool,log}
chmod 755 "$DIR" "$DIR/munge" "$DIR/run"
[[ -f $DIR/munge/munge.key ]] || head -c 1024 /dev/urandom >"$DIR/munge/munge.key"
chmod 600 "$DIR/munge/munge.key"
: >"$DIR/plugstack.conf" # no SPANK plugins, whatever /etc/slurm has

cat >"$CONF" <<EOF
# A single-node Slurm cluster for trying dcplan (deploy/slurm-single-node.sh); every path under $DIR.
ClusterName=dcplan-single
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$SLURMCTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# a requeued job waits cred_expire seconds before it may start again
AuthInfo=socket=$DIR/munge/munge.socket,cred_expire=$CRED_EXPIRE
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
PlugStackConfig=$DIR/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
# look at pending jobs every second or two (defaults: 30 and 60 s), so a requeued task starts again promptly
SchedulerParameters=bf_interval=1,sched_interval=2
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
ReturnToService=2
KillWait=5
# no slurmdbd: sacct has nothing to show; finished jobs are listed here instead
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.txt
MailProg=/bin/true
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM_MB State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
${SLURM_CONF_EXTRA:-}
EOF

munged --socket="$DIR/munge/munge.socket" --key-file="$DIR/munge/munge.key" --pid-file="$DIR/run/munged.pid" \
  --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed" || { show_logs; die "munged did not start"; }
slurmctld -f "$CONF" -c || { show_logs; die "slurmctld did not start"; }
slurmd -f "$CONF" || { show_logs; die "slurmd did not start"; }

# wait (at most 30 s) for the controller to answer and the node to be idle
state=
for _ in $(seq 1 300); do
  state=$(sinfo -h -N -n "$HOST" -o '%t' 2>/dev/null | head -n 1 || true)
  [[ $state == idle ]] && break
  sleep 0.1
done
if [[ $state != idle ]]; then
  show_logs
  die "the node did not become idle within 30 s (state: '${state:-no answer from slurmctld}'); logs above, files in $DIR"
fi
echo "single-node Slurm up: node $HOST, $CPUS CPUs, $MEM_MB MB, partition debug; ports $SLURMCTLD_PORT/$SLURMD_PORT; files in $DIR"
echo "export SLURM_CONF=$CONF"
