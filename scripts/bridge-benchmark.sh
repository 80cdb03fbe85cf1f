#!/usr/bin/env bash
# Bridge benchmark (issue 6, acceptance 6): messages/s forwarded RabbitMQ -> AMQP 1.0 (an Artemis
# embedded in the driver, standing in for Azure Service Bus), 1 KB persistent, by (a) the raw clients
# (RabbitMQ Java client consuming, Qpid JMS republishing, ack after the broker accepted) and (b) the
# EdgeBus bridge in gateway.jar, in the same run; prints both rates and their ratio (target >= 0.8).
# Needs the RabbitMQ at localhost:5672 (guest/guest). Not part of the tests.
# Usage: scripts/bridge-benchmark.sh [--messages N] [--warmup N] [--rounds N] [--prefetch N] [--raw-sessions N]
#        [--bridge-concurrency N] [--jvm-flags "..."] [--raw-in-process]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

mvn_quiet() { { mvn -B -q -o "$@" || mvn -B -q "$@"; } 2>&1 | sed 's/\x1b\[[0-9;]*m//g'; }

if [[ ! -f gateway-distro/target/gateway.jar ]]; then
  echo "building gateway-distro/target/gateway.jar ..."
  mvn_quiet package -pl gateway-distro -am -DskipTests
fi
echo "building the benchmark module ..."
mvn_quiet package -pl benchmarks -am -DskipTests

bundle="$(ls benchmarks/target/io.edgebus.benchmarks-*.jar | grep -v tests | head -n1)"
exec java -Xmx256m -Dorg.slf4j.simpleLogger.log.org.apache.activemq=warn -cp "$bundle:benchmarks/target/lib/*" io.edgebus.benchmarks.BridgeBenchmark \
  --gateway-jar gateway-distro/target/gateway.jar "$@"
