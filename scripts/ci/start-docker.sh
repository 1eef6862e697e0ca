#!/usr/bin/env bash
# Start the Docker engine in the background unless it already answers.
#
# The engine runs without a default bridge network and without iptables
# rules: test stacks talk to 127.0.0.1, or to each other on the project
# networks they create. Those get /24 subnets from one /16: the engine's
# default pools hold 31 networks, which test files running side by side
# can use up.
# The daemon is detached (setsid + nohup) so it outlives this script; its
# log goes to /tmp/orchgen-dockerd.log.
set -euo pipefail

LOG=${ORCHGEN_DOCKERD_LOG:-/tmp/orchgen-dockerd.log}
TIMEOUT=${ORCHGEN_DOCKERD_TIMEOUT:-60}

docker_answers() {
  docker info >/dev/null 2>&1
}

if docker_answers; then
  echo "start-docker: engine already running ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "start-docker: dockerd not found (apt-get install docker.io)" >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "start-docker: the engine must be started as root" >&2
  exit 1
fi

# A daemon that died uncleanly may leave its pid file behind; dockerd then
# refuses to start. Remove it only when no process owns it.
for pidfile in /var/run/docker.pid /run/docker.pid; do
  if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then
    rm -f "$pidfile"
  fi
done

echo "start-docker: starting dockerd (log: $LOG)"
setsid nohup dockerd --bridge=none --iptables=false --ip-masq=false \
  --default-address-pool base=10.213.0.0/16,size=24 \
  >"$LOG" 2>&1 </dev/null &
DOCKERD_PID=$!

deadline=$((SECONDS + TIMEOUT))
while ! docker_answers; do
  if ! kill -0 "$DOCKERD_PID" 2>/dev/null; then
    echo "start-docker: dockerd exited early; last lines of $LOG:" >&2
    tail -n 40 "$LOG" >&2 || true
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "start-docker: docker info did not answer within ${TIMEOUT}s; last lines of $LOG:" >&2
    tail -n 40 "$LOG" >&2 || true
    exit 1
  fi
  sleep 1
done

echo "start-docker: engine ready after $((SECONDS))s ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'), pid $DOCKERD_PID)"
