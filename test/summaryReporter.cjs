// mocha's spec reporter, followed by one plain `<stage>: N passed, N failed` line that CI's summary reader sees.
// The stage name comes from --reporter-option stage=<word> (default "mocha").
const Mocha = require('mocha');

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const stage = (options && options.reporterOption && options.reporterOption.stage) || 'mocha';
    runner.once('end', () => {
      const { passes, failures, pending } = runner.stats;
      console.log(`${stage}: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
    });
  }
}

module.exports = SpecWithSummary;
