import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeThirdPartyNotices } from '../../../scripts/thirdPartyNotices.mjs';

describe('third-party notices (dist/THIRD_PARTY_NOTICES.txt)', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'notices-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it("lists each bundled npm package once with its licence text, and none of the project's own files", async () => {
    const out = join(folder, 'NOTICES.txt');
    const packages = writeThirdPartyNotices(
      [
        { inputs: { 'src/extension.ts': {}, 'node_modules/zod/v4/classic/schemas.js': {}, 'node_modules/zod/v4/core/core.js': {} } },
        { inputs: { 'node_modules/@microsoft/fast-element/dist/esm/index.js': {}, 'node_modules/chart.js/dist/chart.js': {} } },
      ],
      out,
    );
    assert.deepEqual(packages, ['@microsoft/fast-element', 'chart.js', 'zod']);
    const text = await readFile(out, 'utf8');
    const zodLicence = (await readFile(join('node_modules', 'zod', 'LICENSE'), 'utf8')).trim();
    assert.ok(text.includes(zodLicence), "zod's own LICENSE file is copied");
    assert.match(text, /^zod \d+\.\d+\.\d+ \(MIT\)$/m);
    assert.match(text, /^chart\.js \d+\.\d+\.\d+ \(MIT\)$/m);
    // fast-element ships no licence file: its package.json licence and author stand in, with the MIT text.
    assert.match(text, /^@microsoft\/fast-element [\d.]+ \(MIT\)\n-+\n\(no licence file in the package; from its package\.json\)\nCopyright \(c\) Microsoft\n\nPermission is hereby granted/m);
    assert.ok(!text.includes('src/extension.ts'));
  });
});
