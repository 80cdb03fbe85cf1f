#!/usr/bin/env bash
# Relay benchmark (issue 3, acceptance 5): a raw RabbitMQ client relay vs. the sales runtime relaying
# through an EdgeBus endpoint, on the RabbitMQ at localhost:5672 (guest/guest). Not part of the tests.
# Usage: scripts/benchmark.sh [--messages N] [--warmup N] [--concurrency N] [--jvm-flags "..."] [--keep] ...
# (all options: docs/benchmarks.md). Builds the benchmark module first, and sales.jar if it is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# offline first, online for first downloads; strips the colour codes Maven prints even with -B -q
mvn_quiet() { { mvn -B -q -o "$@" || mvn -B -q "$@"; } 2>&1 | sed 's/\x1b\[[0-9;]*m//g'; }

if [[ ! -f sales-distro/target/sales.jar ]]; then
  echo "building sales-distro/target/sales.jar ..."
  mvn_quiet install -pl sales-distro -am -DskipTests
fi
echo "building the benchmark module ..."
mvn_quiet install -pl benchmarks

bundle="$(ls benchmarks/target/io.edgebus.benchmarks-*.jar | head -n1)"
exec java -Xmx256m -cp "$bundle:benchmarks/target/lib/*" io.edgebus.benchmarks.RelayBenchmark \
  --sales-jar sales-distro/target/sales.jar --handler-bundle "$bundle" --cds benchmarks/target/sales-cds.jsa "$@"
