import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fsPromises from 'node:fs/promises';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HISTORY_SCHEMA_VERSION, HistoryStore } from '../../../src/history/historyStore';
import * as l10n from '@vscode/l10n';
import type { FtpHistory, FtpWarning } from '../../../src/peloton/ftp/model';
import { warningMessage } from '../../../src/l10n/warningMessages';
import { ALL_WARNING_SAMPLES } from '../support/warnings';

function history(userId = '0123456789abcdef0123456789abcdef', tests = 2): FtpHistory {
  return {
    rider: { userId, username: 'Rider', currentFtp: 176, currentFtpSource: 'ftp_workout_source', estimatedFtp: 180, currentFtpWorkoutId: tests > 0 ? 'w0' : null },
    tests: Array.from({ length: tests }, (_, i) => ({
      workoutId: `w${i}`,
      takenAt: 1_768_392_060 - i * 86_400 * 30,
      rideTitle: i % 2 ? null : '20 min FTP Test Ride',
      instructor: i % 2 ? null : 'Avery Stone',
      avgOutput: i === 1 ? null : 185 + i,
      calculatedFtp: i === 1 ? null : Math.round((185 + i) * 0.95),
      baselineFtp: i === tests - 1 ? null : 183,
      baselineSource: i === tests - 1 ? null : 'ftp_manual_source',
      rawBaseline: i === tests - 1 ? 0 : 193,
      previousTestId: i === tests - 1 ? null : `w${i + 1}`,
      applied: null,
      warnings: i === 1 ? [{ kind: 'no-graph', workoutId: 'w1' }] : [],
    })),
    warnings: [{ kind: 'chain-missing', workoutId: `w${tests}` }],
    endReason: 'missing',
    fetchedAt: 1_768_400_000,
  };
}

/**
 * A history as the release before schema 3 stored it: the warnings of {@link history} as the English sentences the
 * domain wrote then (src/peloton/ftp/chain.ts, word for word).
 */
function oldStored(h: FtpHistory): Record<string, unknown> & { warnings: string[]; tests: unknown[] } {
  const sentence = (w: FtpWarning): string => {
    if (w.kind === 'no-graph') return `No performance graph for workout ${w.workoutId} (404).`;
    if (w.kind === 'chain-missing') return `Workout ${w.workoutId} was not found (404): the history ends there.`;
    throw new Error(`history() holds no ${w.kind} warning`);
  };
  return { ...h, tests: h.tests.map((t) => ({ ...t, warnings: t.warnings.map(sentence) })), warnings: h.warnings.map(sentence) };
}

describe('HistoryStore', () => {
  let folder: string;
  let store: HistoryStore;
  const fileOf = (userId: string) => join(folder, `history-${userId}.json`);

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'peloton-history-'));
    store = new HistoryStore(join(folder));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  describe('round trip', () => {
    it('saves and loads the same history, one file per account', async () => {
      const a = history('aaaa');
      const b = history('bbbb', 5);
      await store.save(a);
      await store.save(b);
      assert.deepEqual(await store.load('aaaa'), { history: a, problem: null });
      assert.deepEqual(await store.load('bbbb'), { history: b, problem: null });
      assert.deepEqual((await readdir(folder)).sort(), ['history-aaaa.json', 'history-bbbb.json']);
    });

    it('writes JSON with the schema version and the history', async () => {
      await store.save(history('aaaa', 0));
      const parsed = JSON.parse(await readFile(fileOf('aaaa'), 'utf8')) as { schemaVersion: number; history: FtpHistory };
      assert.equal(parsed.schemaVersion, HISTORY_SCHEMA_VERSION);
      assert.deepEqual(parsed.history, history('aaaa', 0));
    });

    it('creates the storage folder on first save', async () => {
      const nested = new HistoryStore(join(folder, 'globalStorage', 'peloton-ftp-history'));
      await nested.save(history('aaaa'));
      assert.deepEqual((await nested.load('aaaa')).history, history('aaaa'));
    });

    it('replaces the previous history of the account', async () => {
      await store.save(history('aaaa', 2));
      await store.save(history('aaaa', 7));
      assert.equal((await store.load('aaaa')).history?.tests.length, 7);
    });

    it('keeps a user id with path characters inside the folder', async () => {
      await store.save(history('../../etc/passwd'));
      assert.deepEqual(await readdir(folder), ['history-______etc_passwd.json']);
      assert.deepEqual((await store.load('../../etc/passwd')).history, history('../../etc/passwd'));
    });
  });

  describe('missing file', () => {
    it('gives null without a problem, and creates nothing', async () => {
      assert.deepEqual(await store.load('nobody'), { history: null, problem: null });
      assert.deepEqual(await new HistoryStore(join(folder, 'not-yet')).load('nobody'), { history: null, problem: null });
      assert.deepEqual(await readdir(folder), []);
    });
  });

  describe('atomic writes', () => {
    it('leaves no temp file behind after saves', async () => {
      await Promise.all([store.save(history('aaaa', 3)), store.save(history('bbbb', 3)), store.save(history('aaaa', 4))]);
      assert.deepEqual((await readdir(folder)).sort(), ['history-aaaa.json', 'history-bbbb.json']);
      assert.ok([3, 4].includes((await store.load('aaaa')).history!.tests.length));
    });

    it('a write that fails half way (disk full) rejects, removes its temp file and leaves the old file byte-identical', async () => {
      await store.save(history('aaaa', 3));
      const before = await readFile(fileOf('aaaa'));
      const realWriteFile = fsPromises.writeFile;
      let tempSeen = '';
      fsPromises.writeFile = (async (path: Parameters<typeof realWriteFile>[0], data: string) => {
        tempSeen = String(path);
        await realWriteFile(path, data.slice(0, Math.floor(data.length / 2)));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }) as typeof realWriteFile;
      try {
        await assert.rejects(store.save(history('aaaa', 9)), /ENOSPC/);
      } finally {
        fsPromises.writeFile = realWriteFile;
      }
      assert.match(tempSeen, /history-aaaa\.json\.[0-9a-f]+\.tmp$/, 'the save wrote to a temp file, not to the history file');
      assert.deepEqual(await readFile(fileOf('aaaa')), before);
      assert.deepEqual(await readdir(folder), ['history-aaaa.json']);
      assert.equal((await store.load('aaaa')).history?.tests.length, 3);
    });

    it('a process killed in the middle of a write leaves the old file intact and loadable', async function () {
      this.timeout(30_000);
      await store.save(history('aaaa', 3));
      const before = await readFile(fileOf('aaaa'));
      // A child process saves a bigger history and is SIGKILLed after writing half of the temp file.
      const script = join(folder, 'crash.ts');
      await writeFile(
        script,
        [
          `import fsPromises from 'node:fs/promises';`,
          `import { HistoryStore } from ${JSON.stringify(join(__dirname, '..', '..', '..', 'src', 'history', 'historyStore'))};`,
          `const real = fsPromises.writeFile;`,
          `fsPromises.writeFile = (async (path: string, data: string) => {`,
          `  await real(path, data.slice(0, data.length >> 1));`,
          `  process.kill(process.pid, 'SIGKILL');`,
          `  await new Promise(() => undefined);`,
          `}) as typeof real;`,
          `const h = JSON.parse(process.argv[2]);`,
          `void new HistoryStore(${JSON.stringify(folder)}).save(h);`,
        ].join('\n'),
      );
      const tsx = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
      const child = spawn(tsx, [script, JSON.stringify(history('aaaa', 40))], { stdio: 'ignore' });
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
      assert.ok(signal === 'SIGKILL' || code === 137, `the child died by SIGKILL (code ${code}, signal ${signal})`);
      const left = (await readdir(folder)).filter((f) => f.endsWith('.tmp'));
      assert.equal(left.length, 1, 'the killed save left its half-written temp file');
      assert.ok((await readFile(join(folder, left[0]!), 'utf8')).length > 0);
      assert.deepEqual(await readFile(fileOf('aaaa')), before);
      assert.deepEqual(await store.load('aaaa'), { history: history('aaaa', 3), problem: null });
      assert.equal((await readdir(folder)).filter((f) => f.endsWith('.tmp')).length, 1, 'a fresh temp file may be a save in progress: kept');
      const old = new Date(Date.now() - 5 * 60_000);
      await utimes(join(folder, left[0]!), old, old);
      await store.load('aaaa');
      assert.deepEqual((await readdir(folder)).filter((f) => f.endsWith('.tmp')), [], 'a stale leftover is swept by the next load');
    });

    it('a failed rename removes the temp file and rejects, the old file untouched', async () => {
      await store.save(history('aaaa', 3));
      const before = await readFile(fileOf('aaaa'));
      const realRename = fsPromises.rename;
      fsPromises.rename = (async () => {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
      }) as typeof realRename;
      try {
        await assert.rejects(store.save(history('aaaa', 5)), /EXDEV/);
      } finally {
        fsPromises.rename = realRename;
      }
      assert.deepEqual(await readdir(folder), ['history-aaaa.json']);
      assert.deepEqual(await readFile(fileOf('aaaa')), before);
    });
  });

  describe('a file that cannot be used is set aside, never thrown', () => {
    async function expectSetAside(content: string) {
      await writeFile(fileOf('aaaa'), content);
      const result = await store.load('aaaa');
      assert.equal(result.history, null);
      assert.match(result.problem ?? '', /^The stored FTP history was unreadable and was set aside as .*history-aaaa\.json\.corrupt-\d+; it will be fetched again\.$/);
      const files = await readdir(folder);
      assert.equal(files.length, 1, files.join(', '));
      assert.match(files[0]!, /^history-aaaa\.json\.corrupt-\d+$/);
      assert.ok(result.problem!.includes(join(folder, files[0]!)), 'the message names the file it was moved to');
      assert.equal(await readFile(join(folder, files[0]!), 'utf8'), content, 'the set-aside file keeps its content');
      // the next load starts clean, and a save works again
      assert.deepEqual(await store.load('aaaa'), { history: null, problem: null });
      await store.save(history('aaaa'));
      assert.deepEqual((await store.load('aaaa')).history, history('aaaa'));
    }

    it('truncated JSON', async () => {
      const text = JSON.stringify({ schemaVersion: HISTORY_SCHEMA_VERSION, history: history('aaaa') });
      await expectSetAside(text.slice(0, text.length - 20));
    });

    it('not JSON at all (binary garbage)', () => expectSetAside('\u0000\u00ff\u00fe garbage <html>'));

    it('an empty file', () => expectSetAside(''));

    it('JSON of the wrong shape (a test missing its workoutId)', async () => {
      const h = history('aaaa') as unknown as { tests: Array<Record<string, unknown>> };
      delete h.tests[0]!.workoutId;
      await expectSetAside(JSON.stringify({ schemaVersion: HISTORY_SCHEMA_VERSION, history: h }));
    });

    it('an unknown endReason (known and aborted are never stored)', () => expectSetAside(JSON.stringify({ schemaVersion: HISTORY_SCHEMA_VERSION, history: { ...history('aaaa'), endReason: 'known' } })));

    it('a newer schemaVersion', () => expectSetAside(JSON.stringify({ schemaVersion: HISTORY_SCHEMA_VERSION + 1, history: history('aaaa') })));

    it('a schemaVersion older than 1', () => expectSetAside(JSON.stringify({ schemaVersion: 0, history: history('aaaa') })));

    it('no schemaVersion at all', () => expectSetAside(JSON.stringify({ history: history('aaaa') })));

    it('a JSON null', () => expectSetAside('null'));
  });

  describe('warnings as data (schema 3)', () => {
    it('every kind of warning is saved as data and loads back equal', async () => {
      const all = ALL_WARNING_SAMPLES.map((sample) => sample.warning);
      const h = history('aaaa', 2);
      h.warnings = all;
      h.tests[0]!.warnings = all;
      await store.save(h);
      assert.deepEqual((await store.load('aaaa')).history, h);
      const parsed = JSON.parse(await readFile(fileOf('aaaa'), 'utf8')) as { history: FtpHistory };
      assert.deepEqual(parsed.history.warnings, all);
    });

    it('a warning of no known kind makes the file unreadable (set aside)', async () => {
      const h = history('aaaa') as unknown as { warnings: unknown[] };
      h.warnings = [{ kind: 'no-such-kind', workoutId: 'w1' }];
      await writeFile(fileOf('aaaa'), JSON.stringify({ schemaVersion: HISTORY_SCHEMA_VERSION, history: h }));
      assert.equal((await store.load('aaaa')).history, null);
    });
  });

  describe('schema 2 (warnings as English sentences)', () => {
    it('loads with each sentence read as its warning, shows the same words (and German ones), and the next save writes schema 3', async () => {
      const expected = history('aaaa', 3);
      expected.warnings = ALL_WARNING_SAMPLES.map((sample) => sample.warning);
      const old = oldStored(history('aaaa', 3));
      old.warnings = ALL_WARNING_SAMPLES.map((sample) => sample.english);
      await writeFile(fileOf('aaaa'), JSON.stringify({ schemaVersion: 2, history: old }));
      const loaded = await store.load('aaaa');
      assert.equal(loaded.problem, null);
      assert.deepEqual(loaded.history, expected);
      assert.deepEqual(loaded.history!.warnings.map(warningMessage), old.warnings, 'the words the old release showed');
      assert.deepEqual(loaded.history!.tests[1]!.warnings.map(warningMessage), ['No performance graph for workout w1 (404).']);
      l10n.config({ contents: JSON.parse(await readFile(join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string> });
      try {
        assert.deepEqual(loaded.history!.tests[1]!.warnings.map(warningMessage), ['Kein Leistungsdiagramm für das Workout w1 (404).']);
        assert.deepEqual(loaded.history!.warnings.map(warningMessage), ALL_WARNING_SAMPLES.map((sample) => sample.german));
      } finally {
        l10n.config({ contents: {} });
      }

      await store.save(loaded.history!);
      const parsed = JSON.parse(await readFile(fileOf('aaaa'), 'utf8')) as { schemaVersion: number; history: FtpHistory };
      assert.equal(parsed.schemaVersion, 3);
      assert.deepEqual(parsed.history.tests[1]!.warnings, [{ kind: 'no-graph', workoutId: 'w1' }]);
      assert.deepEqual((await store.load('aaaa')).history, expected);
    });
  });

  describe('schema 1 (before the workout list)', () => {
    it('a schema-1 file loads as its history with listed: null and typed warnings, and the next save writes schema 3', async () => {
      const old = oldStored(history('aaaa', 3));
      const { applied: _dropped, ...firstTest } = (old.tests as Array<Record<string, unknown>>)[0]!;
      old.tests = [firstTest, ...(old.tests as unknown[]).slice(1)]; // schema 1 files written before `applied` existed
      await writeFile(fileOf('aaaa'), JSON.stringify({ schemaVersion: 1, history: old }));
      const loaded = await store.load('aaaa');
      assert.equal(loaded.problem, null);
      assert.deepEqual(loaded.history, { ...history('aaaa', 3), listed: null });
      assert.deepEqual(await readdir(folder), ['history-aaaa.json'], 'nothing set aside');
      await store.save({ ...loaded.history!, listed: { throughWorkoutId: 'x', throughCreatedAt: 4, totalWorkouts: 9, lastWorkoutAt: 5, pendingTestIds: [] } });
      const parsed = JSON.parse(await readFile(fileOf('aaaa'), 'utf8')) as { schemaVersion: number; history: FtpHistory };
      assert.equal(parsed.schemaVersion, 3);
      assert.deepEqual((await store.load('aaaa')).history?.listed, { throughWorkoutId: 'x', throughCreatedAt: 4, totalWorkouts: 9, lastWorkoutAt: 5, pendingTestIds: [] });
    });

    it('a schema-1 file that carries a listed field is still read as never listed', async () => {
      const withListed = { ...oldStored(history('aaaa')), listed: { throughWorkoutId: 'x', throughCreatedAt: 4, totalWorkouts: 9, lastWorkoutAt: 5, pendingTestIds: [] } };
      await writeFile(fileOf('aaaa'), JSON.stringify({ schemaVersion: 1, history: withListed }));
      assert.equal((await store.load('aaaa')).history?.listed, null);
    });
  });

  it('a file that cannot be read (a folder in its place) is reported, not thrown', async () => {
    await fsPromises.mkdir(fileOf('aaaa'));
    const result = await store.load('aaaa');
    assert.equal(result.history, null);
    assert.match(result.problem ?? '', /^The stored FTP history could not be read \(EISDIR/);
  });
});

describe('HistoryStore: durable saves', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'peloton-durable-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('flushes the temp file to disk before the rename, and the folder after it', async () => {
    const events: string[] = [];
    const real = { writeFile: fsPromises.writeFile, rename: fsPromises.rename, open: fsPromises.open };
    fsPromises.writeFile = (async (path: string, data: string, options: { flush?: boolean }) => {
      await real.writeFile(path, data, options);
      events.push(`write ${String(path).endsWith('.tmp') ? 'temp' : 'file'}${options?.flush ? ' flushed' : ''}`);
    }) as typeof real.writeFile;
    fsPromises.rename = (async (from: string, to: string) => {
      await real.rename(from, to);
      events.push('rename');
    }) as typeof real.rename;
    fsPromises.open = (async (path: string, flags: string) => {
      const handle = await real.open(path, flags);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        await sync();
        events.push(`sync ${path === folder ? 'folder' : path}`);
      };
      return handle;
    }) as typeof real.open;
    try {
      await new HistoryStore(folder).save(history('aaaa', 3));
    } finally {
      Object.assign(fsPromises, real);
    }
    assert.deepEqual(events, process.platform === 'win32' ? ['write temp flushed', 'rename'] : ['write temp flushed', 'rename', 'sync folder']);
    assert.equal((await new HistoryStore(folder).load('aaaa')).history?.tests.length, 3);
  });

  it('a process killed after the flushed write, before the rename, leaves the old file and a whole temp file', async function () {
    this.timeout(30_000);
    const store = new HistoryStore(folder);
    await store.save(history('aaaa', 3));
    const before = await readFile(join(folder, 'history-aaaa.json'));
    const script = join(folder, 'crash.ts');
    await writeFile(
      script,
      [
        `import fsPromises from 'node:fs/promises';`,
        `import { HistoryStore } from ${JSON.stringify(join(__dirname, '..', '..', '..', 'src', 'history', 'historyStore'))};`,
        `fsPromises.rename = (async () => {`,
        `  process.kill(process.pid, 'SIGKILL');`,
        `  await new Promise(() => undefined);`,
        `}) as typeof fsPromises.rename;`,
        `void new HistoryStore(${JSON.stringify(folder)}).save(JSON.parse(process.argv[2]));`,
      ].join('\n'),
    );
    const tsx = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, [script, JSON.stringify(history('aaaa', 40))], { stdio: 'ignore' });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    assert.ok(signal === 'SIGKILL' || code === 137, `the child died by SIGKILL (code ${code}, signal ${signal})`);
    assert.deepEqual(await readFile(join(folder, 'history-aaaa.json')), before, 'the old file is untouched');
    const temps = (await readdir(folder)).filter((f) => f.endsWith('.tmp'));
    assert.equal(temps.length, 1);
    const temp = JSON.parse(await readFile(join(folder, temps[0]!), 'utf8')) as { history: FtpHistory };
    assert.equal(temp.history.tests.length, 40, 'the temp file was written whole before the rename was tried');
    assert.equal((await store.load('aaaa')).history?.tests.length, 3);
  });
});
