import * as fs from 'fs';
import * as path from 'path';
import { checkHeader, isGenerated } from '../../projenrc/dapr-facts/emit';
import { GENERATED_FOLDER } from '../../projenrc/dapr-facts/generate';
import { DaprVersion } from '../../src';
import { GENERATED_FROM } from '../../src/generated/dapr-release';

// The committed generated files: each says it is generated, from which release and how to
// regenerate, and its content hash must match, so an edit by hand fails here.
const ROOT = path.join(__dirname, '..', '..');
const files = fs.readdirSync(path.join(ROOT, GENERATED_FOLDER)).sort();

describe('src/generated', () => {
  test('holds the generator\'s files and nothing else', () => {
    expect(files).toEqual([
      'component-metadata.table.json', 'component-metadata.ts', 'component-prop-keys.table.json', 'component-prop-keys.ts', 'component-props.ts',
      'dapr-crds.table.json', 'dapr-crds.ts', 'dapr-release.ts', 'injector-annotations.table.json', 'injector-annotations.ts',
      'kube-l1.table.json', 'kube-l1.ts', 'kubernetes-schemas.table.json',
    ]);
  });

  test.each(files)('%s: header and content agree', (file) => {
    const text = fs.readFileSync(path.join(ROOT, GENERATED_FOLDER, file), 'utf8');
    expect(isGenerated(text)).toBe(true);
    if (file.startsWith('kube-l1.') || file.startsWith('kubernetes-schemas.')) {
      // from the installed cdk8s-plus-28, not from Dapr (test/core/kube-l1.test.ts and
      // test/validation/kubernetes-schemas.test.ts check they are current)
      expect(text).toContain('Regenerate: npx projen kube:update');
    } else {
      expect(text).toContain(`--dapr-ref ${GENERATED_FROM.dapr} `);
      expect(text).toContain(`--contrib-ref ${GENERATED_FROM.componentsContrib}`);
    }
    const { stated, actual } = checkHeader(text);
    expect(stated).toBe(actual);
  });

  test('was generated from the release DaprVersion pins', () => {
    expect(GENERATED_FROM.dapr).toBe(`v${DaprVersion.LATEST.version}`);
    expect(GENERATED_FROM).toEqual({ dapr: 'v1.18.3', componentsContrib: 'v1.18.4' });
  });
});
