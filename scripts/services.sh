#!/usr/bin/env bash
# Makes sure the services the tests talk to are installed, running and ready:
# RabbitMQ (5672), PostgreSQL (5432), Mosquitto (1883), plus the host packages the firmware tests
# and acceptance tests need. Idempotent: what is reachable is left alone. Installs need root (apt-get).
set -euo pipefail

log() { printf '[services] %s\n' "$*"; }

reachable() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${missing[*]} — install them as root (apt-get install ${missing[*]})"
    exit 1
  fi
  if [ $apt_updated = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

wait_for() { # name port seconds
  local i
  for ((i = 0; i < $3 * 2; i++)); do
    reachable "$2" && { log "$1 is ready on port $2"; return 0; }
    sleep 0.5
  done
  log "$1 did not come up on port $2 within $3 s"
  exit 1
}

ensure_rabbitmq() {
  if ! reachable 5672; then
    command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
    log "starting RabbitMQ"
    rabbitmq-server -detached || true
    wait_for RabbitMQ 5672 120
  fi
  # The AMQP port opens before the broker accepts work; await_startup waits for that.
  rabbitmqctl -q await_startup >/dev/null 2>&1 || true
  log "RabbitMQ is ready"
  ensure_rabbitmq_management
}

# The queue-length forwarder (F13) reads queue lengths from the management HTTP API (15672).
# Enabling a plugin starts it in the running broker: no restart, connections stay.
ensure_rabbitmq_management() {
  if ! rabbitmq-plugins list -e -m 2>/dev/null | grep -qx rabbitmq_management; then
    log "enabling the RabbitMQ management plugin"
    rabbitmq-plugins enable rabbitmq_management >/dev/null
  fi
  if reachable 15672; then
    log "RabbitMQ management API is ready on port 15672"
  else
    wait_for "RabbitMQ management API" 15672 60
  fi
}

ensure_postgres() {
  if ! reachable 5432; then
    command -v pg_ctlcluster >/dev/null && ls /etc/postgresql >/dev/null 2>&1 || apt_install postgresql
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    wait_for PostgreSQL 5432 60
  else
    log "PostgreSQL is ready on port 5432"
  fi
}

ensure_mosquitto() {
  if ! reachable 1883; then
    command -v mosquitto >/dev/null || apt_install mosquitto
    log "starting Mosquitto"
    mosquitto -d -c /etc/mosquitto/mosquitto.conf || true
    wait_for Mosquitto 1883 30
  else
    log "Mosquitto is ready on port 1883"
  fi
}

ensure_host_packages() {
  # Each part that needs host tools lists its Debian packages in a host-deps.txt beside it.
  local pkgs=(cmake gcc) f p
  for f in firmware/host-deps.txt bundles/*/host-deps.txt tests/*/host-deps.txt cloud/host-deps.txt; do
    [ -f "$f" ] || continue
    while read -r p; do [ -n "$p" ] && [ "${p#\#}" = "$p" ] && pkgs+=("$p"); done < "$f"
  done
  apt_install "${pkgs[@]}"
}

# Sourced (by ./booth) it only defines the functions above.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  cd "$(dirname "$0")/.."
  ensure_host_packages
  ensure_rabbitmq
  ensure_postgres
  ensure_mosquitto
fi
