/**
 * Runs the fake Peloton API by hand:
 *   npm run fake-api -- --dataset demo [--port 8787] [--latency 150]
 * prints the URL and tokens to use, and stays up until SIGINT or SIGTERM. An unknown dataset exits with status 2.
 */
import type { FakeRider } from './dataset';
import { datasets, getDataset } from './datasets';
import { parseArgs } from 'node:util';
import { nowSeconds } from '../../src/shared/dates';
import { ACCESS_TOKEN_LIFETIME_SECONDS, makeLocalStorageValue } from './jwt';
import { startFakePeloton } from './server';

/** Command-line options. */
interface CliOptions {
  dataset: string;
  port: number;
  latencyMs: number;
}

/** Parses the options with node:util parseArgs; exits with status 2 on anything it does not know. */
function readOptions(argv: string[]): CliOptions {
  const usage = `Usage: npm run fake-api -- [--dataset NAME] [--port N] [--latency MS]\nDatasets: ${Object.keys(datasets).join(', ')}`;
  const fail = (why: string): never => {
    console.error(`${why}\n${usage}`);
    process.exit(2);
  };
  let values: { dataset: string; port: string; latency: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        dataset: { type: 'string', default: 'demo' },
        port: { type: 'string', default: '0' },
        latency: { type: 'string', default: '0' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const whole = (flag: string, value: string): number => {
    const n = Number(value);
    return Number.isInteger(n) && n >= 0 ? n : fail(`--${flag} needs a whole number, got '${value}'.`);
  };
  return { dataset: values.dataset, port: whole('port', values.port), latencyMs: whole('latency', values.latency) };
}

/** Starts the fake and keeps it running until a signal arrives. */
async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  let rider: FakeRider;
  try {
    rider = getDataset(options.dataset);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
  const fake = await startFakePeloton({ rider, port: options.port, latencyMs: options.latencyMs });
  const expiresAt = nowSeconds() + ACCESS_TOKEN_LIFETIME_SECONDS;
  console.log(`Fake Peloton API: ${fake.url}`);
  console.log(`Dataset: ${options.dataset} (user ${rider.userId}, ${rider.workouts.length} workouts)`);
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
