import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installOnce, type InstallStep } from '../../../../scripts/setup/installOnce';

describe('installOnce (the cache discipline of the real-VS-Code setup)', () => {
  let cache: string;
  let installs: number;
  /** What installOnce printed (its progress lines), kept off the test report. */
  let printed: string;

  async function install(s: InstallStep): Promise<void> {
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => {
      printed += chunk;
      return true;
    }) as typeof process.stdout.write;
    try {
      await installOnce(s);
    } finally {
      process.stdout.write = write;
    }
  }

  /** A step that writes `bin/tool` saying `content`, counting its installs. */
  const step = (stamp: string, content = stamp, fail = false): InstallStep => ({
    what: 'tool',
    dir: join(cache, 'tool'),
    stamp,
    mustExist: 'bin/tool',
    install: async (partial, logFile) => {
      installs++;
      assert.ok(existsSync(partial) && readdirSync(partial).length === 0, 'install gets an empty partial folder');
      writeFileSync(logFile, 'building\n', { flag: 'a' });
      const bin = join(partial, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'tool'), content);
      if (fail) throw new Error('verification failed');
    },
  });

  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'install-once-'));
    installs = 0;
    printed = '';
  });

  afterEach(() => {
    rmSync(cache, { recursive: true, force: true });
  });

  it('installs into the folder, writes the marker and the log, and skips the next time', async () => {
    await install(step('1.0 node-20'));
    assert.equal(readFileSync(join(cache, 'tool', 'bin', 'tool'), 'utf8'), '1.0 node-20');
    assert.equal(readFileSync(join(cache, 'tool', '.installed'), 'utf8'), '1.0 node-20\n');
    assert.equal(readFileSync(join(cache, 'logs', 'tool-install.log'), 'utf8'), 'building\n');
    await install(step('1.0 node-20'));
    assert.equal(installs, 1);
    assert.match(printed, /tool: cached, skipped/);
    assert.deepEqual(readdirSync(cache).sort(), ['logs', 'tool'], 'no partial folder left');
  });

  it('installs again when the marker names another version, or the folder lost its file', async () => {
    await install(step('1.0 node-20'));
    await install(step('2.0 node-20'));
    assert.equal(readFileSync(join(cache, 'tool', 'bin', 'tool'), 'utf8'), '2.0 node-20');
    rmSync(join(cache, 'tool', 'bin', 'tool'));
    await install(step('2.0 node-20'));
    assert.equal(installs, 3);
    assert.ok(existsSync(join(cache, 'tool', 'bin', 'tool')));
  });

  it('a failed install throws and leaves the good folder as it was, with no partial folder', async () => {
    await install(step('1.0 node-20'));
    await assert.rejects(install(step('2.0 node-20', 'broken', true)), /verification failed/);
    assert.equal(readFileSync(join(cache, 'tool', 'bin', 'tool'), 'utf8'), '1.0 node-20');
    assert.equal(readFileSync(join(cache, 'tool', '.installed'), 'utf8'), '1.0 node-20\n');
    assert.deepEqual(readdirSync(cache).sort(), ['logs', 'tool']);
  });

  it('a failed first install leaves nothing that passes for an install', async () => {
    await assert.rejects(install(step('1.0 node-20', 'broken', true)));
    assert.ok(!existsSync(join(cache, 'tool')));
    await install(step('1.0 node-20'));
    assert.equal(installs, 2);
  });
});
