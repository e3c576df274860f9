#!/usr/bin/env bash
# Runs each fuzz target for a given time (default 600 s, the issue's 10
# minutes) with the dictionary and the seed corpus (fuzz/seed.sh).
#   fuzz/run.sh [--parallel] [SECONDS] [TARGET…]
#   fuzz/run.sh --smoke      # 30 s per target: what .ci/run does
# --parallel runs the targets side by side (one core each) instead of one
# after the other. Needs the nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`). A crash stops with libFuzzer's report; its
# input is kept in fuzz/artifacts/TARGET/: add it to
# tests/fuzz_regressions/TARGET/ (see fuzz/README.md). A summary gives the
# last statistics line of each run (executions, coverage, corpus).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=600
parallel=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) seconds=30 ;;
    --parallel) parallel=1 ;;
    [0-9]*) seconds=$1 ;;
    *) break ;;
  esac
  shift
done
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(parse compile fmt expr ruleset)

bash "$root/fuzz/seed.sh"
cd "$root"
# Every target built first, with the flags `cargo fuzz run` uses.
cargo +nightly fuzz build --fuzz-dir fuzz
# cargo-fuzz builds in fuzz/target, or in CARGO_TARGET_DIR when it is set.
bin="${CARGO_TARGET_DIR:-$root/fuzz/target}/x86_64-unknown-linux-gnu/release"

run() {
  local target=$1
  mkdir -p "$root/fuzz/artifacts/$target"
  "$bin/$target" "fuzz/corpus/$target" -dict=fuzz/copil.dict \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1 \
    > "$root/fuzz/artifacts/$target.log" 2>&1
}

status=0
if [[ $parallel -eq 1 ]]; then
  pids=()
  for target in "${targets[@]}"; do
    run "$target" & pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { echo "échec du fuzzing de ${targets[$i]}" >&2; status=1; }
  done
else
  for target in "${targets[@]}"; do
    echo "== $target : $seconds s"
    run "$target" || { echo "échec du fuzzing de $target" >&2; status=1; }
  done
fi
for target in "${targets[@]}"; do
  log="$root/fuzz/artifacts/$target.log"
  echo "$target : $(grep -E '^#[0-9]+' "$log" | tail -1)"
  echo "    $(grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$log" | tr '\n' ' ')"
  if grep -qE '^==[0-9]+==ERROR|panicked|SUMMARY: libFuzzer' "$log"; then
    echo "    trouvaille : voir $log et fuzz/artifacts/$target/" >&2
    status=1
  fi
done
exit $status
