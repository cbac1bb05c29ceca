# Sourced by .ci/run: a local OCI registry (Debian's docker-registry, the CNCF distribution
# registry) on 127.0.0.1 for the image-build tests, which find it in DAPR_TEST_REGISTRY.
command -v docker-registry >/dev/null 2>&1 || apt_install docker-registry

registry_dir="$(mktemp -d)"
registry_port="$(node -e '
  const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
cat > "$registry_dir/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $registry_dir/data
http:
  addr: 127.0.0.1:$registry_port
  secret: ci-only-secret
YAML
docker-registry serve "$registry_dir/config.yml" >"$registry_dir/log" 2>&1 &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null || true; rm -rf "$registry_dir"' EXIT

for _ in $(seq 1 100); do
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$registry_port/v2/"; then
    break
  fi
  if ! kill -0 "$registry_pid" 2>/dev/null; then
    echo "error: docker-registry exited:" >&2
    cat "$registry_dir/log" >&2
    exit 1
  fi
  sleep 0.1
done
export DAPR_TEST_REGISTRY="127.0.0.1:$registry_port"
echo "OCI registry for the image tests on $DAPR_TEST_REGISTRY"
