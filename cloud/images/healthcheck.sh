#!/bin/bash
# Container health: the runtime's HTTP server answers on EDGEBUS_HTTP_PORT. Bash's /dev/tcp, because
# the JRE base image is not promised to carry curl or wget. Any HTTP status line counts: the console
# answers 401 without credentials, which proves Jetty and the framework are up.
port=${EDGEBUS_HTTP_PORT:-8080}
{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || { echo "nothing listens on port $port"; exit 1; }
printf 'GET /system/console HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || { echo "no answer on port $port"; exit 1; }
[[ "$status" == HTTP/1.* ]] || { echo "not HTTP on port $port: $status"; exit 1; }
