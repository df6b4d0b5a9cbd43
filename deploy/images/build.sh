#!/usr/bin/env bash
# Builds the six service images from the jars of `mvn -B package -DskipTests`.
#   deploy/images/build.sh <image-prefix> <tag> [service...]
#   e.g. deploy/images/build.sh localhost:5000/openconnector 0.1.0-SNAPSHOT
# Uses docker if present, otherwise buildah (daemonless). For kaniko (in-cluster CI), see README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
prefix=${1:?image prefix, e.g. registry.example.com/openconnector}
tag=${2:?tag, e.g. 0.1.0}
shift 2
version=$(mvn -q -B help:evaluate -Dexpression=project.version -DforceStdout)
declare -A ports=([gateway-service]=8080 [connector-service]=8081 [mapping-service]=8082
                  [sync-service]=8083 [job-service]=8084 [event-service]=8085)
services=("$@")
[ ${#services[@]} -eq 0 ] && services=(gateway-service connector-service mapping-service sync-service job-service event-service)
if command -v docker >/dev/null && docker info >/dev/null 2>&1; then build=(docker build); else build=(buildah bud --layers); fi
for svc in "${services[@]}"; do
  jar="$svc/target/$svc-$version-exec.jar"
  [ -f "$jar" ] || { echo "missing $jar: run mvn -B package -DskipTests first" >&2; exit 1; }
  "${build[@]}" -f deploy/images/Dockerfile --build-arg SERVICE="$svc" --build-arg VERSION="$version" \
    --build-arg PORT="${ports[$svc]}" -t "$prefix/$svc:$tag" .
done
