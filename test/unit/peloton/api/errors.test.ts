import assert from 'node:assert/strict';
import { RenewalLockBusyError, SessionExpiredError, SessionOutdatedError } from '../../../../src/auth/sessionErrors';
import { BaseUrlError } from '../../../../src/peloton/api/baseUrl';
import * as errors from '../../../../src/peloton/api/errors';

/** Every error class a caller may meet outside VS Code, built with sample arguments. */
const samples: Array<[string, Error]> = [
  ['PelotonError', new errors.PelotonError('m')],
  ['PelotonAuthError', new errors.PelotonAuthError('GET /api/me', 3020, 'Not logged in')],
  ['PelotonApiError', new errors.PelotonApiError('GET /api/me', 500, null, 'boom')],
  ['PelotonSchemaError', new errors.PelotonSchemaError('GET /api/me', 'id', 'missing')],
  ['PelotonNetworkError', new errors.PelotonNetworkError('http://127.0.0.1:1/api/me', 'ECONNREFUSED')],
  ['TokenFormatError', new errors.TokenFormatError('empty', 'm')],
  ['TokenRefreshError', new errors.TokenRefreshError('invalid_grant', 'm')],
  ['WrongAccountError', new errors.WrongAccountError('u1', 'u2')],
  ['BaseUrlError', new BaseUrlError('not-url', 'pelotonFtp.apiBaseUrl', 'x', 'm')],
  ['SessionExpiredError', new SessionExpiredError()],
  ['SessionOutdatedError', new SessionOutdatedError()],
  ['RenewalLockBusyError', new RenewalLockBusyError(75_000)],
];

describe('error classes', () => {
  for (const [name, error] of samples) {
    it(`${name} sets its name (so logs and stack traces say which error it is)`, () => {
      assert.equal(error.name, name);
      assert.ok(String(error).startsWith(`${name}: `));
    });
  }

  it('every class exported by src/peloton/api/errors.ts is covered above', () => {
    const classes = Object.entries(errors).filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error);
    assert.deepEqual(classes.map(([n]) => n).filter((n) => !samples.some(([s]) => s === n)), []);
  });

  it('WrongAccountError carries both user ids and no token', () => {
    const error = new errors.WrongAccountError('expected-id', 'actual-id');
    assert.equal(error.expectedUserId, 'expected-id');
    assert.equal(error.actualUserId, 'actual-id');
    assert.ok(error instanceof errors.PelotonError);
  });
});
