/**
 * Mocha hooks for unit tests against the fake Peloton API on 127.0.0.1: before each test a real dispatcher (undici
 * Agent + the project's retries, with a fast 5 ms backoff), after it the fake that the test started and the
 * dispatcher are closed (every fake the test started, not only the last: one left open keeps mocha from exiting).
 */
import { PelotonApi } from '../../../src/peloton/api/pelotonApi';
import { createPelotonDispatcher } from '../../../src/peloton/api/dispatcher';
import type { Dispatcher } from '../../../src/peloton/api/undici';
import { startFakePeloton, type FakePeloton, type FakePelotonOptions } from '../../fakePeloton/server';

/** Registers the hooks in the calling `describe`; returns how a test starts a fake and makes a client for it. */
export function useFakePelotonApi(): {
  start(options: FakePelotonOptions): Promise<FakePeloton>;
  apiFor(server: FakePeloton, token?: string): PelotonApi;
} {
  const fakes: FakePeloton[] = [];
  let dispatcher: Dispatcher | undefined;
  beforeEach(() => {
    dispatcher = createPelotonDispatcher({ retry: { baseDelayMs: 5 } });
  });
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((fake) => fake.close()));
    await dispatcher?.close();
  });
  return {
    /** Starts a fake, closed after the test (a test may start several). */
    start: async (options) => {
      const fake = await startFakePeloton(options);
      fakes.push(fake);
      return fake;
    },
    /** An API client on `server` through this test's dispatcher, with the fake's access token unless told. */
    apiFor: (server, token = server.accessToken) => new PelotonApi({ baseUrl: server.url, getAccessToken: () => token, dispatcher }),
  };
}
