#!/usr/bin/env bash
# Shop benchmark (issue 4, acceptance 5): 3 Sales + Billing + Shipping as sales.jar processes on the local
# RabbitMQ (a virtual host of the run's own, made with rabbitmqctl) and PostgreSQL (a schema of its own):
# orders/s with every order offered at once, p50/p99 completion latency at 10 orders/s, and the
# saga+outbox path against plain JDBC doing the same statements. Not part of the tests. Options: --help.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn_quiet() { { mvn -B -q -o "$@" || mvn -B -q "$@"; } 2>&1 | sed 's/\x1b\[[0-9;]*m//g'; }
if [[ ! -f sales-distro/target/sales.jar ]]; then
  echo "building sales-distro/target/sales.jar ..."
  mvn_quiet package -pl sales-distro -am -DskipTests
fi
echo "building the benchmark module ..."
mvn_quiet package -pl benchmarks -am -DskipTests
bundle="$(ls benchmarks/target/io.edgebus.benchmarks-*.jar | head -n1)"
exec java -Xmx256m -cp "$bundle:benchmarks/target/lib/*" io.edgebus.benchmarks.shop.ShopBenchmark "$@"
