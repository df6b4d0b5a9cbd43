#!/usr/bin/env bash
# Compares the Java renderer (what the tests check) with a real kustomize, resource by resource.
# Needs kubectl (or kustomize) and python3 with PyYAML; run after `mvn -B -pl deploy/k8s compile`.
#   deploy/k8s/compare-with-kustomize.sh [overlay...]      (default: every overlay)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
if command -v kustomize >/dev/null; then render=(kustomize build); else render=(kubectl kustomize); fi
mvn -q -B -pl deploy/k8s dependency:build-classpath -Dmdep.outputFile="$here/target/k8s-classpath.txt" >/dev/null
cp="$here/target/classes:$(cat "$here/target/k8s-classpath.txt")"
overlays=("$@")
[ ${#overlays[@]} -eq 0 ] && overlays=($(ls "$here/overlays"))
tmp=$(mktemp -d)
status=0
for o in "${overlays[@]}"; do
  "${render[@]}" "$here/overlays/$o" > "$tmp/$o-kustomize.yaml"
  java -cp "$cp" org.openconnector.deploy.k8s.Render "$here/overlays/$o" > "$tmp/$o-java.yaml"
  python3 - "$tmp/$o-kustomize.yaml" "$tmp/$o-java.yaml" "$o" <<'PY' || status=1
import json, sys, yaml
def load(p):
    return {(d['apiVersion'], d['kind'], d['metadata']['name']): d for d in yaml.safe_load_all(open(p)) if d}
real, ours = load(sys.argv[1]), load(sys.argv[2])
diff = sorted(k for k in set(real) | set(ours) if json.dumps(real.get(k), sort_keys=True) != json.dumps(ours.get(k), sort_keys=True))
for k in diff:
    print(f"{sys.argv[3]}: differs: {k}")
print(f"{sys.argv[3]}: {len(real)} resources, {len(diff)} different")
sys.exit(1 if diff else 0)
PY
done
rm -rf "$tmp"
exit $status
