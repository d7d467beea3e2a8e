/**
 * The renewal generation (src/auth/renewalGeneration.ts): a counter and a time in the lock folder, read as 0 when
 * missing or unreadable, written whole; a record is current when it is of the generation in force or newer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GENERATION_FILE,
  isCurrentGeneration,
  nextGeneration,
  readGeneration,
  writeGeneration,
} from '../../../src/auth/renewalGeneration';

describe('the renewal generation', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'peloton-generation-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is 0, with no time, before any change was recorded', async () => {
    assert.deepEqual(await readGeneration(folder), { generation: 0, changedAt: null });
  });

  it('reads back what was written: a counter and Unix seconds, nothing else in the file', async () => {
    await writeGeneration(folder, 3, 1_768_627_639);
    assert.deepEqual(await readGeneration(folder), { generation: 3, changedAt: 1_768_627_639 });
    assert.deepEqual(JSON.parse(readFileSync(join(folder, GENERATION_FILE), 'utf8')), { generation: 3, changedAt: 1_768_627_639 });
    assert.deepEqual(readdirSync(folder), [GENERATION_FILE], 'no temp file left behind');
  });

  it('an unreadable or foreign file reads as generation 0', async () => {
    for (const text of ['{"generation": 2', '{"generation": -1, "changedAt": 1}', '{"generation": "7", "changedAt": 1}', 'null']) {
      writeFileSync(join(folder, GENERATION_FILE), text);
      assert.deepEqual(await readGeneration(folder), { generation: 0, changedAt: null }, text);
    }
  });

  it('a write into a missing folder fails and leaves nothing', async () => {
    const missing = join(folder, 'gone');
    await assert.rejects(writeGeneration(missing, 1, 1), /ENOENT/);
    assert.deepEqual(readdirSync(folder), []);
  });

  it('a record is current when of the generation in force or newer; a record from before generations counts as 0', () => {
    const inForce = { generation: 4, changedAt: 1 };
    assert.equal(isCurrentGeneration(4, inForce), true);
    assert.equal(isCurrentGeneration(5, inForce), true, 'stored, then the writer stopped before the generation file');
    assert.equal(isCurrentGeneration(3, inForce), false, 'another window changed the session since');
    assert.equal(isCurrentGeneration(undefined, inForce), false);
    assert.equal(isCurrentGeneration(undefined, { generation: 0, changedAt: null }), true, 'the first renewal after an update');
  });

  it('the next generation is one past both the record and the one in force', () => {
    assert.equal(nextGeneration(4, { generation: 4, changedAt: 1 }), 5);
    assert.equal(nextGeneration(undefined, { generation: 0, changedAt: null }), 1);
    assert.equal(nextGeneration(9, { generation: 4, changedAt: 1 }), 10);
    assert.equal(nextGeneration(2, { generation: 4, changedAt: 1 }), 5);
  });
});
