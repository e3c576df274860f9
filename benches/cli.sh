#!/usr/bin/env bash
# Wall time of whole `copil check` processes (reference data loaded from
# scratch each time), as a user runs them. Uses hyperfine when installed
# (apt-get install hyperfine), else a plain loop.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/copil
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 3 --runs 50 -N \
    "$bin check examples/isere.copil" \
    "$bin check examples/"
else
  for target in examples/isere.copil examples/; do
    start=$(date +%s%N)
    for _ in $(seq 50); do "$bin" check "$target" >/dev/null || true; done
    end=$(date +%s%N)
    echo "copil check $target: $(( (end - start) / 50000 )) µs per run (mean of 50)"
  done
fi
