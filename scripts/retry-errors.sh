#!/usr/bin/env bash
# Sends failed messages from the error queue back to the queue they failed in (NServiceBus.FailedQ),
# without the failure headers, each acked in the error queue only after the broker confirmed it.
# Usage: scripts/retry-errors.sh [--queue error] (--all | --id <messageId>) [--uri amqp://user:pass@host:5672[/vhost]]
# The broker defaults to amqp://guest:guest@localhost:5672, or $EDGEBUS_RABBITMQ_URI. Prints each message
# moved or left; exit 1 when --id found nothing, 2 on bad arguments, 3 when the broker refused. Builds the tools module first if it is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

jar="tools/target/io.edgebus.tools-0.1.0-SNAPSHOT.jar"
if [[ ! -f "$jar" || ! -d tools/target/lib ]]; then
  echo "building the tools module ..." >&2
  { mvn -B -q -o package -pl tools -DskipTests || mvn -B -q package -pl tools -DskipTests; } >&2
fi
exec java -cp "$jar:tools/target/lib/*" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.edgebus.tools.RetryErrors "$@"
