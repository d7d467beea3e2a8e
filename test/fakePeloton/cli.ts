/**
 * Runs the fake Peloton API by hand:
 *   npm run fake-api -- --dataset demo [--port 8787] [--latency 150] [--list-order device_time_created_at]
 *                       [--no-rotation] [--reuse-interval MS] [--token-delay MS] [--sample-labels recorded]
 * prints the URL and tokens to use, and stays up until SIGINT or SIGTERM. `--help` lists every option and dataset.
 * An unknown dataset or a bad option exits with status 2.
 */
import type { FakeRider, ListOrder } from './dataset';
import { datasets, getDataset } from './datasets';
import { parseArgs } from 'node:util';
import { nowSeconds } from '../../src/shared/dates';
import { ACCESS_TOKEN_LIFETIME_SECONDS, makeLocalStorageValue } from './jwt';
import type { SampleLabels } from './series';
import { type FakePelotonOptions, startFakePeloton } from './server';

/** Command-line options: the dataset and the server's options. */
interface CliOptions extends Omit<FakePelotonOptions, 'rider'> {
  dataset: string;
}

const LIST_ORDERS: readonly ListOrder[] = ['created_at', 'device_time_created_at'];
const SAMPLE_LABELS: readonly SampleLabels[] = ['window-end', 'recorded'];

const USAGE = `Usage: npm run fake-api -- [options]
  --dataset NAME          the rider to serve (default demo)
  --port N                port on 127.0.0.1 (default 0: any free port)
  --latency MS            delay before every answer (default 0)
  --list-order ORDER      order of the workouts list: created_at (default, sort_by -created_at,-pk) or
                          device_time_created_at (the rider's local clock, sort_by -device_time_created_at,-pk);
                          default: the dataset's own (time-zone-jump sorts by device time)
  --no-rotation           keep refresh tokens (no rotation, no reuse detection); default: Auth0's rotation, where a
                          refresh token presented twice revokes its whole family
  --reuse-interval MS     Auth0's reuse interval for a rotated refresh token (default 0)
  --token-delay MS        delay of every POST /oauth/token answer (default 0)
  --sample-labels STYLE   performance-graph sample labels: window-end (default: N, 2N, …) or recorded (1, 1+N, …)
  -h, --help              this text
Datasets: ${Object.keys(datasets).join(', ')},
  chain-<N> and chain-<N>+1 (N chained tests), many-<N>-<W> and many-<N>-<W>+1 (N tests among W workouts)`;

/** Parses the options with node:util parseArgs; exits with status 2 on anything it does not know. */
function readOptions(argv: string[]): CliOptions {
  const fail = (why: string): never => {
    console.error(`${why}\n${USAGE}`);
    process.exit(2);
  };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        dataset: { type: 'string', default: 'demo' },
        port: { type: 'string', default: '0' },
        latency: { type: 'string', default: '0' },
        'list-order': { type: 'string' },
        'no-rotation': { type: 'boolean' },
        'reuse-interval': { type: 'string', default: '0' },
        'token-delay': { type: 'string', default: '0' },
        'sample-labels': { type: 'string', default: 'window-end' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (flag: string): number => {
    const value = String(values[flag]);
    const n = Number(value);
    return Number.isInteger(n) && n >= 0 ? n : fail(`--${flag} needs a whole number, got '${value}'.`);
  };
  const oneOf = <T extends string>(flag: string, allowed: readonly T[]): T | undefined => {
    const value = values[flag];
    if (value === undefined) return undefined;
    return (allowed as readonly string[]).includes(String(value)) ? (value as T) : fail(`--${flag} is one of ${allowed.join(', ')}, got '${String(value)}'.`);
  };
  return {
    dataset: String(values.dataset),
    port: whole('port'),
    latencyMs: whole('latency'),
    listOrder: oneOf('list-order', LIST_ORDERS),
    rotateRefreshToken: !values['no-rotation'],
    refreshReuseIntervalMs: whole('reuse-interval'),
    tokenDelayMs: whole('token-delay'),
    sampleLabels: oneOf('sample-labels', SAMPLE_LABELS),
  };
}

/** Starts the fake and keeps it running until a signal arrives. */
async function main(): Promise<void> {
  const { dataset, ...serverOptions } = readOptions(process.argv.slice(2));
  let rider: FakeRider;
  try {
    rider = getDataset(dataset);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
  const fake = await startFakePeloton({ rider, ...serverOptions });
  const expiresAt = nowSeconds() + ACCESS_TOKEN_LIFETIME_SECONDS;
  const order = serverOptions.listOrder ?? rider.listOrder ?? 'created_at';
  console.log(`Fake Peloton API: ${fake.url}`);
  console.log(`Dataset: ${dataset} (user ${rider.userId}, ${rider.workouts.length} workouts, listed by ${order})`);
  console.log(`Refresh tokens: ${serverOptions.rotateRefreshToken ? 'rotating, reuse revokes the family' : 'kept (no rotation)'}`);
  console.log(`Demo access token: ${fake.accessToken}`);
  console.log(`Demo email and password (Sign In with Email and Password): ${fake.auth0.email} / ${fake.auth0.password}`);
  console.log(`Refresh token: ${fake.refreshToken}`);
  console.log(`localStorage value: ${makeLocalStorageValue({ accessToken: fake.accessToken, refreshToken: fake.refreshToken, expiresAt })}`);
  console.log('Press Ctrl+C to stop.');
  const stop = (): void => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
