/**
 * A CPU profile of this extension host (the extension and the suite share it) around a stretch of a test, when env
 * `PELOTON_INHOST_PROFILE` names a folder: the profile is written there as `<time>.cpuprofile` (open it in Chrome's
 * DevTools or VS Code) and summarised as the functions with the most self time. Without the variable it costs nothing
 * and says nothing. The profiler's own sampling slows the host a little: compare profiled runs with profiled runs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** How often the profiler samples, in microseconds. */
const SAMPLING_INTERVAL_US = 250;
/** Functions listed in the summary. */
const TOP = 15;

/** A running profile: `stop()` writes it and resolves with the summary (null when profiling is off). */
export interface RunningProfile {
  stop(): Promise<string | null>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Starts profiling this host when `PELOTON_INHOST_PROFILE` is set. */
export async function startCpuProfile(): Promise<RunningProfile> {
  const folder = process.env.PELOTON_INHOST_PROFILE;
  if (!folder) return { stop: () => Promise.resolve(null) };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
      session.disconnect();
      await mkdir(folder, { recursive: true });
      const file = join(folder, `${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      return `CPU profile of the extension host: ${file}\n${summarise(profile)}`;
    },
  };
}

/** The profile's busy time and its top functions by self time (file name and line), in milliseconds. */
function summarise(profile: Profile): string {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!frame || frame.functionName === '(idle)') return;
    busy += ms;
    const file = frame.url.split(/[\\/]/).pop() ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + ms);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  return [`busy ${busy.toFixed(0)} ms; top ${TOP} by self time:`, ...top.map(([key, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${key}`)].join('\n');
}
