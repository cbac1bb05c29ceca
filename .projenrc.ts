import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-dapr',
  description: 'Typed, validated cdk8s constructs for Dapr on Kubernetes: sidecar annotations, components, configuration and the control plane.',
  author: 'cdk8s-dapr maintainers',
  authorAddress: 'maintainers@cdk8s-dapr.dev',
  repositoryUrl: 'https://github.com/cdk8s-dapr/cdk8s-dapr.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  jsiiVersion: '~5.9.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.4.2',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  bundledDeps: ['yaml@^2.8.1', 'ajv@^8.17.1'],
  projenVersion: '0.103.25',
  // Node 22 and 24 are the supported LTS lines (20 reached end of life; jsii and projen warn on it).
  // CI builds on both (.ci/run); @types/node follows the oldest, so no newer API slips in.
  minNodeVersion: '22.0.0',
  // jsii-reflect reads the compiled assembly in test/jsii/ (same release line as jsii-pacmak).
  devDeps: ['ts-node@^10.9.2', '@types/node@^22', 'fast-check@^4.3.0', 'cdk8s-plus-33@^2.5.57', 'jsii-reflect@^1.140.0'],
  keywords: ['cdk8s', 'dapr', 'kubernetes', 'sidecar', 'constructs'],
  github: false,
  release: false,
  package: true,
  docgen: true,
  jestOptions: {
    // Snapshots are compared, never rewritten, by `projen test`; `projen test:update` rewrites them.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // Every manifest any test synthesizes is checked against the Kubernetes and Dapr schemas.
      setupFilesAfterEnv: ['<rootDir>/test/schema-checked-synth.ts'],
    },
  },
  gitignore: ['/.bench/'],
  // Offline schema and policy checks of any YAML manifests (see README, "Proving the output").
  bin: { 'cdk8s-dapr-validate': 'lib/cli/validate.js' },
  // jsii targets for the four other languages. Nothing is published (release: false); CI generates
  // their sources with `package:codegen` so a jsii-unsound API fails the build.
  publishToPypi: { distName: 'cdk8s-dapr', module: 'cdk8s_dapr' },
  publishToMaven: {
    javaPackage: 'io.github.cdk8s_dapr',
    mavenGroupId: 'io.github.cdk8s-dapr',
    mavenArtifactId: 'cdk8s-dapr',
  },
  publishToNuget: { dotNetNamespace: 'Cdk8sDapr', packageId: 'Cdk8sDapr' },
  publishToGo: { moduleName: 'github.com/cdk8s-dapr/cdk8s-dapr-go' },
});

// The examples compile against src/ directly, so they always match the code they ship with.
new JsonFile(project, 'examples/tsconfig.json', {
  obj: {
    extends: '../tsconfig.json',
    compilerOptions: { noEmit: true, rootDir: '..' },
    include: ['**/*.ts', '../src/**/*.ts'],
  },
});
project.eslint?.addLintPattern('examples');

project.addTask('synth:example', {
  description: 'Synthesize every example in examples/ to dist/examples/<name>/<stage>/*.k8s.yaml',
  exec: 'ts-node --project examples/tsconfig.json examples/synth.ts',
  receiveArgs: true,
});

// The compiled barrels are made lazy (as aws-cdk-lib's "lazify"), as the last step of every compile
// (so no lib/ is ever left eager): requiring the library loads a module only when first used.
project.compileTask.exec('ts-node --transpile-only --project projenrc/tsconfig.json projenrc/lazify.ts lib');

project.addTask('bench', {
  description: 'Synth benchmark: control plane + N DaprApps vs plain ApiObjects and hand-written cdk8s-plus (BENCH_SIZES, BENCH_ROUNDS)',
  steps: [{ spawn: 'compile' }, { exec: 'node bench/bench.js' }],
});
project.npmignore?.exclude('/bench/', '/examples/', '/.ci/');

// Python, Java, .NET and Go sources generated from the compiled assembly (.jsii, so compile first),
// code only: the four toolchains' package registries are not needed. pacmak exits non-zero on any
// generation error. The output goes to an ignored folder; --no-npmignore keeps projen's .npmignore.
project.addTask('package:codegen', {
  description: 'Generate the Python, Java, .NET and Go bindings from .jsii (code only) into dist/codegen/',
  steps: [
    { exec: 'rm -rf dist/codegen' },
    {
      exec: 'jsii-pacmak --code-only --no-npmignore --no-fingerprint --targets python java dotnet go --outdir dist/codegen',
    },
    // A syntax check of the generated Python. No import smoke test: the jsii Python runtime and
    // the cdk8s/constructs bindings are on PyPI only (Debian packages none of them).
    { exec: 'python3 -m compileall -q dist/codegen/python/src' },
  ],
});
// A local `projen build` (package-all) would build the four language packages, which needs Maven,
// .NET, Go and Python toolchains and their registries; generate their code instead.
const packageAll = project.tasks.tryFind('package-all');
packageAll?.reset();
packageAll?.spawn(project.tasks.tryFind('package:js')!);
packageAll?.spawn(project.tasks.tryFind('package:codegen')!);

// Dapr's facts (CRDs, component metadata, injector annotations) are generated from Dapr's sources
// at the pinned release (DaprVersion.LATEST) into src/generated/; see README, "Contributing".
project.addTask('dapr:update', {
  description: 'Regenerate src/generated/ from dapr/dapr and components-contrib: --dapr-git DIR --dapr-ref vX.Y.Z --contrib-git DIR (or --dapr/--contrib checkouts); --check only compares',
  exec: 'ts-node --project projenrc/tsconfig.json projenrc/dapr-facts/main.ts',
  receiveArgs: true,
});
// The Kubernetes L1 converters the control plane uses, as data read from cdk8s-plus-28's k8s module
// (projenrc/dapr-facts/kube-l1.ts): a control-plane synth then does not load that 2.7 MB module.
// The Kubernetes schemas DaprValidation checks against, read from its jsii assembly
// (projenrc/dapr-facts/kubernetes-schemas.ts): validating then reads neither.
project.addTask('kube:update', {
  description: 'Regenerate src/generated/kube-l1.* and kubernetes-schemas.table.json from the installed cdk8s-plus-28 (--check only compares)',
  exec: 'ts-node --project projenrc/tsconfig.json projenrc/dapr-facts/kube-main.ts',
  receiveArgs: true,
});
project.gitattributes.addAttributes('/src/generated/**', 'linguist-generated');
project.eslint?.addIgnorePattern('src/generated/');

// Source maps next to lib/*.js (lib/*.js.map) rather than inline with their sources: inline, they
// are about 70% of every module's bytes, which Node reads and scans on each require (issue 17).
project.tsconfig?.file.addOverride('compilerOptions.inlineSourceMap', false);
project.tsconfig?.file.addOverride('compilerOptions.inlineSources', false);
project.tsconfig?.file.addOverride('compilerOptions.sourceMap', true);

project.synth();
