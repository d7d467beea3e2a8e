/**
 * The domain's errors as the rider reads them (src/l10n/errorMessages.ts): each kind gives its own sentence with its
 * fields, in English and, with the German bundle loaded into `@vscode/l10n`, in German; errors made by the
 * domain's own functions are told the same way.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { RenewalLockBusyError, SessionExpiredError, SessionOutdatedError } from '../../../src/auth/sessionErrors';
import { passwordSignInMessage, tokenFormatMessage, userMessage } from '../../../src/l10n/errorMessages';
import { BaseUrlError, checkBaseUrl, type BaseUrlProblem } from '../../../src/peloton/api/baseUrl';
import {
  PelotonApiError,
  PelotonAuthError,
  PelotonNetworkError,
  PelotonSchemaError,
  TokenFormatError,
  TokenRefreshError,
  WrongAccountError,
  type TokenFormatProblem,
} from '../../../src/peloton/api/errors';
import { PasswordLoginError, type PasswordLoginFailure } from '../../../src/peloton/signIn/passwordLoginErrors';
import { parsePastedCredentials } from '../../../src/peloton/signIn/tokens';

const de = JSON.parse(readFileSync(join(__dirname, '../../../l10n/bundle.l10n.de.json'), 'utf8')) as Record<string, string>;

const TOKEN_PROBLEMS: TokenFormatProblem[] = [
  'empty',
  'not-token',
  'not-jwt',
  'payload-unreadable',
  'payload-not-object',
  'no-expiry',
  'expired',
  'json-unreadable',
  'not-token-entry',
  'other-client',
];
const BASE_URL_PROBLEMS: BaseUrlProblem[] = ['not-url', 'credentials', 'insecure-http', 'bad-scheme'];
const PASSWORD_FAILURES: PasswordLoginFailure[] = ['wrong-credentials', 'too-many-attempts', 'blocked', 'automation-refused', 'server-error', 'network'];
const NETWORK_CODES = ['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_REQ_RETRY', 'RESPONSE_TOO_LARGE', 'EWHATEVER'];

/** One error of every kind and variant. */
function everyError(): Error[] {
  return [
    new PelotonAuthError('GET /api/me', 3020, 'Not logged in'),
    new PelotonApiError('GET /api/me', 429, null, 'slow down'),
    new PelotonApiError('GET /api/me', 503, null, 'down'),
    new PelotonApiError('GET /api/workout/w1', 404, null, 'not found'),
    new PelotonApiError('GET /api/me', 400, 12, 'bad request'),
    new PelotonSchemaError('GET /api/me', 'cycling_ftp', 'expected number'),
    new PelotonSchemaError('GET /api/me', '', 'expected JSON, got an HTML page'),
    ...NETWORK_CODES.map((code) => new PelotonNetworkError('http://127.0.0.1:9/api/me', 'why', { code })),
    ...TOKEN_PROBLEMS.map((problem) => new TokenFormatError(problem, 'm', { expiredAt: 1_700_000_000, clientId: 'other' })),
    new TokenRefreshError('invalid_grant', 'm'),
    new TokenRefreshError(null, 'm'),
    new WrongAccountError('u1', 'u2'),
    ...PASSWORD_FAILURES.map((kind) => new PasswordLoginError(kind, 'credentials', 'm', 500)),
    ...BASE_URL_PROBLEMS.map((problem) => new BaseUrlError(problem, 'pelotonFtp.apiBaseUrl', 'x', 'm')),
    new SessionExpiredError(),
    new SessionExpiredError('not-signed-in'),
    new SessionExpiredError('refused-shared'),
    new SessionOutdatedError(),
    new RenewalLockBusyError(75_000),
  ];
}

describe('error messages (src/l10n/errorMessages.ts)', () => {
  it('each kind has a sentence of its own, with its fields', () => {
    const messages = everyError().map(userMessage);
    assert.equal(new Set(messages).size, messages.length, 'no two kinds share a message');
    assert.equal(userMessage(new PelotonAuthError('GET /api/me', 3020, 'Not logged in')), 'Peloton refused the access token (GET /api/me, HTTP 401).');
    assert.equal(
      userMessage(new PelotonApiError('GET /api/me', 503, null, 'down')),
      "Peloton's server answered with an error (HTTP 503 for GET /api/me). Try again later.",
    );
    assert.equal(
      userMessage(new PelotonNetworkError('http://127.0.0.1:9/api/me', 'x', { code: 'ECONNREFUSED' })),
      'Could not reach http://127.0.0.1:9/api/me: the connection was refused (ECONNREFUSED).',
    );
    assert.equal(userMessage(new Error('disk full')), 'disk full');
  });

  it("tells the domain's own errors by kind: a pasted nothing, an expired token, an http:// URL to another host", () => {
    assert.throws(() => parsePastedCredentials('  '), (e: unknown) => e instanceof TokenFormatError && tokenFormatMessage(e).startsWith('Nothing was pasted. Paste the access token'));
    const expired = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ exp: 1_000 })).toString('base64url')}.sig`;
    assert.throws(() => parsePastedCredentials(expired, 2_000), (e: unknown) => userMessage(e) === 'This access token expired on 1970-01-01 00:16 UTC. Sign in to members.onepeloton.com again and copy a fresh token.');
    assert.throws(
      () => checkBaseUrl('http://peloton.example.com', 'pelotonFtp.apiBaseUrl'),
      (e: unknown) => userMessage(e).startsWith('The setting pelotonFtp.apiBaseUrl uses http:// to peloton.example.com:'),
    );
  });

  describe('in German', () => {
    before(() => l10n.config({ contents: de }));
    after(() => l10n.config({ contents: {} }));

    it('every kind is German, and keeps its fields', () => {
      l10n.config({ contents: {} });
      const english = everyError().map(userMessage);
      l10n.config({ contents: de });
      const german = everyError().map(userMessage);
      german.forEach((text, i) => assert.notEqual(text, english[i], `"${english[i]}" is not translated`));
      assert.equal(userMessage(new PelotonAuthError('GET /api/me', 3020, 'Not logged in')), 'Peloton hat das Zugriffstoken abgelehnt (GET /api/me, HTTP 401).');
      assert.equal(userMessage(new SessionExpiredError()), 'Deine Peloton-Sitzung ist abgelaufen.');
      assert.equal(
        passwordSignInMessage(new PasswordLoginError('server-error', 'token', 'm', 502)),
        'Der Anmeldeserver von Peloton hat mit einem Fehler geantwortet (HTTP 502). Versuche es später erneut, oder melde dich mit einem Zugriffstoken an.',
      );
      assert.ok(userMessage(new TokenFormatError('other-client', 'm', { clientId: 'abc' })).includes('Client-ID abc'));
    });
  });
});
