#!/bin/sh
# Registers the Temporal namespace Waymark uses, once the server answers its health check.
#
# temporalio/server (unlike the deprecated auto-setup image) registers no namespace by itself, and the
# API and worker fail against a namespace that does not exist. This job is also the real readiness gate:
# the server image has no Temporal CLI, so its own healthcheck can only test that port 7233 is open.
set -eu

namespace="${TEMPORAL_NAMESPACE:?TEMPORAL_NAMESPACE must be set}"
retention="${TEMPORAL_NAMESPACE_RETENTION:?TEMPORAL_NAMESPACE_RETENTION must be set}"
host="${TEMPORAL_ADDRESS%%:*}"
port="${TEMPORAL_ADDRESS##*:}"

# Temporal's reference script resolves the server to an IPv4 address before calling the CLI, to sidestep
# resolver trouble inside the admin-tools container; do the same.
ip="$(getent ahosts "$host" | awk '/STREAM/ { print $1; exit }')"
address="${ip:-$host}:$port"

attempt=0
until temporal operator cluster health --address "$address"; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 30 ]; then
    echo "Temporal at $address did not become healthy" >&2
    exit 1
  fi
  sleep 2
done

if temporal operator namespace describe --namespace "$namespace" --address "$address" >/dev/null 2>&1; then
  echo "Namespace '$namespace' already exists"
else
  temporal operator namespace create --namespace "$namespace" --retention "$retention" --address "$address"
  echo "Namespace '$namespace' created"
fi
