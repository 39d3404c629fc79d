#!/usr/bin/env bash
# Runs every example and compares what it prints with its committed expected-output.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for dir in examples/*/; do
  name=$(basename "$dir")
  [ -f "$dir/expected-output.txt" ] || { echo "examples/$name has no expected-output.txt"; status=1; continue; }
  actual=$(pnpm --silent --filter "./examples/$name" start)
  if diff -u "$dir/expected-output.txt" <(printf '%s\n' "$actual"); then
    echo "examples/$name: output as expected"
  else
    echo "examples/$name: output differs from expected-output.txt"
    status=1
  fi
done
exit $status
