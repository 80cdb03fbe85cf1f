#!/bin/sh
# The container's entry point: runs one cloud role (billing, shipping, raffle) of sales.jar the way
# sales-distro/bin/role runs a booth role, with the cloud profile (Azure Service Bus, no database).
# Layout (the image's /opt/edgebus, or a context staged by cloud/build-images.sh --stage-only):
#   $EDGEBUS_HOME/sales.jar, bin/runtime, profiles/common/*.config, profiles/<role>/*.config
# Settings from the environment: EDGEBUS_ROLE (set by the image), EDGEBUS_ASB_CONNECTION_STRING
# (required, a secret), EDGEBUS_WORK_DIR (state, default /var/lib/edgebus), EDGEBUS_HTTP_PORT (8080),
# EDGEBUS_INSTANCE (default: the host name, i.e. the replica), JAVA_OPTS, EDGEBUS_PROPS.
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
home=${EDGEBUS_HOME:-$(dirname -- "$here")}
role=${EDGEBUS_ROLE:-}
say() { echo "edgebus-${role:-cloud}: $*" >&2; }

# Checked here because the runtime does not print a component's rejected configuration (Declarative
# Services reports it to the OSGi log only): a replica must say plainly why it cannot start.
case "$role" in
  billing|shipping|raffle) ;;
  *) say "configuration error: EDGEBUS_ROLE must be billing, shipping or raffle (was '$role')"; exit 78 ;;
esac
if [ -z "${EDGEBUS_ASB_CONNECTION_STRING:-}" ]; then
  say "configuration error: EDGEBUS_ASB_CONNECTION_STRING is not set: the Azure Service Bus transport" \
      "(io.edgebus.transport.asb, field connectionString) needs the namespace's connection string," \
      "Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=..." \
      "(in Container Apps: a secret referenced with secretref:)"
  exit 78
fi
# The value is never printed, only what is missing from it.
for part in "Endpoint=sb://" "SharedAccessKeyName=" "SharedAccessKey="; do
  case "$EDGEBUS_ASB_CONNECTION_STRING" in
    *"$part"*) ;;
    *) say "configuration error: EDGEBUS_ASB_CONNECTION_STRING (io.edgebus.transport.asb, field" \
           "connectionString) is not a Service Bus connection string: it has no '$part' (value not shown)"
       exit 78 ;;
  esac
done

work=${EDGEBUS_WORK_DIR:-/var/lib/edgebus}
mkdir -p "$work/deploy"
# As bin/role: the profile replaces what an earlier start left, and ConfigAdmin's store goes with it.
rm -f "$work/deploy/"*.config
rm -rf "$work/run/sales/config"
cp "$home/profiles/common/"*.config "$home/profiles/$role/"*.config "$work/deploy/"

export EDGEBUS_HTTP_PORT="${EDGEBUS_HTTP_PORT:-8080}"
# shellcheck disable=SC3028 # HOSTNAME: the environment variable container engines set, not a shell one
instance=${EDGEBUS_INSTANCE:-${HOSTNAME:-$(hostname)}}
# No write-back into deploy/ (see sales-distro/bin/role); the instance is the replica's host name.
export EDGEBUS_PROPS="-Dedgebus.booth.instance=$instance -Dfelix.fileinstall.enableConfigSave=false ${EDGEBUS_PROPS:-}"
say "instance $instance, working directory $work, console port $EDGEBUS_HTTP_PORT, Azure Service Bus connection string set"
cd "$work"
exec "$home/bin/runtime"
