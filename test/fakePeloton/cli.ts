/**
 * Runs the fake Peloton API by hand:
 *   npm run fake-api -- --dataset demo [--port 8787] [--latency 150]
 * prints the URL and tokens to use, and stays up until SIGINT or SIGTERM. An unknown dataset exits with status 2.
 */
import type { FakeRider } from './dataset';
import { datasets, getDataset } from './datasets';
import { makeLocalStorageValue, nowSeconds } from './jwt';
import { startFakePeloton } from './server';

/** Command-line options. */
interface CliOptions {
  dataset: string;
  port: number;
  latencyMs: number;
}

/** Parses `--name value` / `--name=value` pairs; exits with status 2 on anything it does not know. */
function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { dataset: 'demo', port: 0, latencyMs: 0 };
  const usage = `Usage: npm run fake-api -- [--dataset NAME] [--port N] [--latency MS]\nDatasets: ${Object.keys(datasets).join(', ')}`;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    const fail = (why: string): never => {
      console.error(`${why}\n${usage}`);
      process.exit(2);
    };
    if (flag === '--help' || flag === '-h') {
      console.log(usage);
      process.exit(0);
    }
    if (value === undefined) fail(`Missing value for ${flag}.`);
    switch (flag) {
      case '--dataset':
        options.dataset = value;
        break;
      case '--port':
      case '--latency': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0) fail(`${flag} needs a whole number, got '${value}'.`);
        if (flag === '--port') options.port = n;
        else options.latencyMs = n;
        break;
      }
      default:
        fail(`Unknown option '${flag}'.`);
    }
  }
  return options;
}

/** Starts the fake and keeps it running until a signal arrives. */
async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let rider: FakeRider;
  try {
    rider = getDataset(options.dataset);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
  const fake = await startFakePeloton({ rider, port: options.port, latencyMs: options.latencyMs });
  const expiresAt = nowSeconds() + 172_800;
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
