#!/usr/bin/env bash
# A new user's cdk8s app against today's peers: installs the packed package into a fresh app
# with the NEWEST published cdk8s, constructs, cdk8s-plus-28 and cdk8s-plus-33, compiles the
# README's "Use it in your cdk8s app" snippet with tsc and the `cdk8s init typescript-app`
# tsconfig (strict, no skipLibCheck, so the shipped .d.ts files are checked against those peers),
# once as written (cdk8s-plus-33) and once with cdk8s-plus-28, runs both and checks the YAML.
# Needs the npm registry.
#
#   bash .ci/consumer.sh dist/js/cdk8s-dapr@0.0.0.jsii.tgz
set -euo pipefail

tarball="$(cd "$(dirname "${1:?usage: consumer.sh <packed tarball>}")" && pwd)/$(basename "$1")"
[ -f "$tarball" ] || { echo "error: no tarball at $tarball" >&2; exit 1; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# The tsconfig `cdk8s init typescript-app` writes (cdk8s-cli 2.207 template).
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "alwaysStrict": true,
    "declaration": true,
    "experimentalDecorators": true,
    "inlineSourceMap": true,
    "inlineSources": true,
    "lib": ["es2016"],
    "module": "CommonJS",
    "noEmit": false,
    "noEmitOnError": true,
    "noFallthroughCasesInSwitch": true,
    "noImplicitAny": true,
    "noImplicitReturns": true,
    "noImplicitThis": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "resolveJsonModule": true,
    "strict": true,
    "strictNullChecks": true,
    "strictPropertyInitialization": true,
    "stripInternal": true,
    "target": "ES2017"
  },
  "include": ["**/*.ts"],
  "exclude": ["node_modules"]
}
JSON
echo '{ "name": "consumer", "version": "1.0.0", "private": true, "license": "Apache-2.0" }' > package.json

# The README's snippet: the ```ts block after the consumer-snippet marker.
node -e '
  const fs = require("fs");
  const readme = fs.readFileSync(process.argv[1], "utf8");
  const at = readme.indexOf("<!-- consumer-snippet");
  const m = at < 0 ? null : /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!m) { console.error("error: no consumer-snippet block in README.md"); process.exit(1); }
  if (!m[1].includes("from \x27cdk8s-plus-33\x27")) { console.error("error: the snippet no longer imports cdk8s-plus-33"); process.exit(1); }
  fs.writeFileSync("main.ts", m[1]);
  fs.writeFileSync("main-plus28.ts", m[1].split("from \x27cdk8s-plus-33\x27").join("from \x27cdk8s-plus-28\x27"));
' "$repo/README.md"

# TypeScript as `cdk8s init` pins it; every peer at its newest published version.
npm install --no-audit --no-fund --loglevel=error \
  "$tarball" cdk8s@latest constructs@latest cdk8s-plus-28@latest cdk8s-plus-33@latest \
  typescript@5.9.x @types/node@22
node -e '
  for (const p of ["cdk8s", "constructs", "cdk8s-plus-28", "cdk8s-plus-33", "typescript"]) {
    process.stdout.write(`${p} ${require(`${p}/package.json`).version}  `);
  }
  console.log();
'

npx tsc -p .

# Each program synthesizes to its own folder; in both, the apps carry the sidecar annotations.
for program in main main-plus28; do
  CDK8S_OUTDIR="out-$program" node "$program.js"
done
node -e '
  const { Yaml } = require("cdk8s");
  const fs = require("fs");
  const errors = [];
  for (const [dir, plus] of [["out-main", "cdk8s-plus-33"], ["out-main-plus28", "cdk8s-plus-28"]]) {
    const objects = fs.readdirSync(dir).sort().flatMap((f) => Yaml.load(`${dir}/${f}`));
    // the snippet: app "orders" (DaprApp) and "worker" (an annotated cdk8s-plus Deployment), one state store
    for (const appId of ["orders", "worker"]) {
      const deployments = objects.filter((o) => o.kind === "Deployment"
        && o.spec.template.metadata?.annotations?.["dapr.io/app-id"] === appId);
      if (deployments.length !== 1) { errors.push(`${plus}: app ${appId}: ${deployments.length} Deployments with dapr.io/app-id`); continue; }
      const annotations = deployments[0].spec.template.metadata.annotations;
      if (annotations["dapr.io/enabled"] !== "true") errors.push(`${plus}: app ${appId}: dapr.io/enabled is ${annotations["dapr.io/enabled"]}`);
      if (annotations["dapr.io/app-port"] !== "8080") errors.push(`${plus}: app ${appId}: dapr.io/app-port is ${annotations["dapr.io/app-port"]}`);
      if (deployments[0].metadata.namespace !== "shop") errors.push(`${plus}: app ${appId}: namespace ${deployments[0].metadata.namespace}`);
    }
    const components = objects.filter((o) => o.kind === "Component");
    if (components.length !== 1 || JSON.stringify(components[0].scopes) !== JSON.stringify(["orders", "worker"])) {
      errors.push(`${plus}: expected one Component scoped to orders and worker, got ${JSON.stringify(components.map((c) => c.scopes))}`);
    }
    if (errors.length === 0) console.log(`consumer app with ${plus}: ${objects.length} objects, apps orders and worker annotated`);
  }
  if (errors.length > 0) { console.error(errors.map((e) => `error: ${e}`).join("\n")); process.exit(1); }
'
