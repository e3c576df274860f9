#!/usr/bin/env bash
# Runs each fuzz target for a given time (default 600 s, the issue's 10
# minutes), one after the other, with the dictionary and the seed corpus.
#   fuzz/run.sh [SECONDS] [TARGET…]
#   fuzz/run.sh --smoke      # 30 s per target: what .ci/run does
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# A crash stops the run with libFuzzer's report; its input is kept in
# fuzz/artifacts/TARGET/: add it to tests/fuzz_regressions/ (see
# fuzz/README.md). The last line of each run (executions, coverage) is
# printed in a summary at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=600
if [[ "${1:-}" == "--smoke" ]]; then
  seconds=30
  shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(parse compile expr ruleset)

bash "$root/fuzz/seed.sh"
cd "$root"
summary=()
for target in "${targets[@]}"; do
  log="$root/fuzz/artifacts/$target.log"
  mkdir -p "$root/fuzz/artifacts/$target"
  echo "== $target : $seconds s"
  cargo +nightly fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" -- \
    -dict=fuzz/copil.dict -max_total_time="$seconds" -max_len=65536 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | tee "$log" | grep -E '^(#[0-9]+.*(pulse|DONE)|==|SUMMARY)' || true
  status=${PIPESTATUS[0]}
  if [[ $status -ne 0 ]]; then
    echo "échec du fuzzing de $target (code $status) : voir $log et fuzz/artifacts/$target/" >&2
    exit 1
  fi
  summary+=("$target : $(grep -E '^#[0-9]+.*DONE' "$log" | tail -1)")
done
printf '%s\n' "${summary[@]}"
