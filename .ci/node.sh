# Sourced by .ci/run: `use_node <major>` puts that Node.js line first on PATH. The machine's own
# node is used when it is that line; otherwise the `node@<major>` package from the npm registry
# (cached by npx), so a machine with any Node.js and npm can run the build on 22 and on 24.
use_node() {
  local major="$1" current bin
  current="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
  if [ "$current" != "$major" ]; then
    bin="$(npx -y -p "node@$major" -- node -p 'require("path").dirname(process.execPath)')"
    export PATH="$bin:$PATH"
  fi
  # npm and npx are scripts run by the first node on PATH, so they now run on this line too.
  echo "Node.js $(node --version) (npm $(npm --version))"
  [ "$(node -p 'process.versions.node.split(".")[0]')" = "$major" ] || { echo "error: no Node.js $major" >&2; return 1; }
}
