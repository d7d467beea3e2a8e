/**
 * The in-host test entry: the module @vscode/test-electron (extensionTestsPath) and the code-server
 * payload runner both load. It runs the mocha suites of this folder inside the real extension host and
 * resolves when all passed (rejects otherwise), printing a plain `N passed, N failed` line. Env
 * `PELOTON_INHOST_GREP` narrows the run to matching test titles (mocha's grep).
 */
import Mocha from 'mocha';
import { suites } from './suites';

/** Runs the in-host suites. @throws when a test failed. */
export function run(): Promise<void> {
  // PELOTON_INHOST_GREP runs only the tests whose titles match (e.g. "120 tests" for the timed one).
  const grep = process.env.PELOTON_INHOST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const register of suites) {
    mocha.suite.emit('pre-require', globalThis, 'in-host', mocha);
    register();
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      console.log(`in-host: ${passed} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
      else resolve();
    });
  });
}
