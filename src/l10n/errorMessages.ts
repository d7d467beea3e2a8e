/**
 * The domain's errors told to the rider in the display language. src/peloton stays free of `vscode` and
 * throws typed errors with English messages (for the log); here each error kind becomes one whole sentence
 * with its fields as placeholders. Peloton's own words (`PelotonApiError.detail`) and technical details (an
 * endpoint, a URL, a field path) are quoted as they are; nothing here ever carries a token. Pure (`@vscode/l10n`,
 * configured by src/l10n/configure.ts), so test/unit/l10n/errorMessages.test.ts checks every kind in English and German.
 */
import * as l10n from '@vscode/l10n';
import { SessionExpiredError } from '../auth/accessTokens';
import { BaseUrlError } from '../peloton/api/baseUrl';
import {
  PelotonApiError,
  PelotonAuthError,
  PelotonError,
  PelotonNetworkError,
  PelotonSchemaError,
  TokenFormatError,
  TokenRefreshError,
  WrongAccountError,
} from '../peloton/api/errors';
import { utcDateTime } from '../shared/dates';
import { PasswordLoginError } from '../peloton/signIn/passwordLoginErrors';

/** What to paste, said after a pasted-token problem. */
function expectedPaste(): string {
  return l10n.t(
    'Paste the access token (a JWT: three dot-separated parts starting with "eyJ"), "Bearer <token>", or the whole value of the Local Storage entry whose key starts with "@@auth0spajs::" from members.onepeloton.com.',
  );
}

/** Two whole sentences, the second saying what to do (each translated on its own). */
function twoSentences(first: string, second: string): string {
  return l10n.t('{0} {1}', first, second);
}

/** Why pasted text is not a usable credential ({@link TokenFormatError}), in the display language. */
export function tokenFormatMessage(error: TokenFormatError): string {
  switch (error.problem) {
    case 'empty':
      return twoSentences(l10n.t('Nothing was pasted.'), expectedPaste());
    case 'not-token':
      return twoSentences(l10n.t('That is not a Peloton access token.'), expectedPaste());
    case 'not-jwt':
      return twoSentences(l10n.t('That is not a JWT.'), expectedPaste());
    case 'payload-unreadable':
      return twoSentences(l10n.t("The token's payload could not be read."), expectedPaste());
    case 'payload-not-object':
      return twoSentences(l10n.t("The token's payload is not a JSON object with numeric claims."), expectedPaste());
    case 'no-expiry':
      return twoSentences(l10n.t('This token has no expiry ("exp" claim), so it is not a Peloton access token.'), expectedPaste());
    case 'expired': {
      const when = error.details.expiredAt === undefined ? '?' : utcDateTime(error.details.expiredAt);
      return l10n.t('This access token expired on {0} UTC. Sign in to members.onepeloton.com again and copy a fresh token.', when);
    }
    case 'json-unreadable':
      return twoSentences(l10n.t('That looks like JSON but could not be read.'), expectedPaste());
    case 'not-token-entry':
      return twoSentences(l10n.t("That JSON is not the web app's token entry (no body.access_token)."), expectedPaste());
    case 'other-client':
      return l10n.t(
        'That entry belongs to another application (client id {0}); copy the entry whose key starts with "@@auth0spajs::WVoJxVDdPoFx4RNewvvg6ch2mZ7bwnsM".',
        error.details.clientId ?? '?',
      );
  }
}

/** Why a password sign-in failed ({@link PasswordLoginError}), with what to do next. */
export function passwordSignInMessage(error: PasswordLoginError): string {
  switch (error.kind) {
    case 'wrong-credentials':
      return l10n.t('Wrong email or password. Check them and try again: each wrong attempt counts toward Peloton locking the account.');
    case 'too-many-attempts':
      return l10n.t('Too many sign-in attempts: Peloton has blocked signing in to this account for a while. Wait before trying again, or sign in with an access token.');
    case 'blocked':
      return l10n.t('Peloton has blocked this account from signing in. Look for an email from Peloton about unblocking it, or sign in with an access token.');
    case 'automation-refused':
      return l10n.t("Peloton's sign-in page did not accept an automated sign-in. Sign in with an access token instead.");
    case 'server-error':
      return l10n.t("Peloton's sign-in server answered with an error (HTTP {0}). Try again later, or sign in with an access token.", String(error.status ?? ''));
    case 'network':
      return l10n.t("Could not reach Peloton's sign-in server. Check your connection and try again, or sign in with an access token.");
  }
}

/** Why a request got no answer ({@link PelotonNetworkError}), by its socket or undici code. */
function networkMessage(error: PelotonNetworkError): string {
  switch (error.code) {
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return l10n.t('Could not reach {0}: the connection was reset ({1}).', error.url, error.code);
    case 'ECONNREFUSED':
      return l10n.t('Could not reach {0}: the connection was refused (ECONNREFUSED).', error.url);
    case 'ENOTFOUND':
      return l10n.t('Could not reach {0}: the host name was not found (ENOTFOUND).', error.url);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return l10n.t('Could not reach {0}: the server took too long to answer ({1}).', error.url, error.code);
    case 'UND_ERR_REQ_RETRY':
      return l10n.t('Could not reach {0}: the connection dropped while the answer was being read.', error.url);
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
    case 'RESPONSE_TOO_LARGE':
      return l10n.t('The answer from {0} is too large.', error.url);
    default:
      return l10n.t('Could not reach {0} ({1}).', error.url, error.code ?? error.reason);
  }
}

/** A base URL setting that is not allowed ({@link BaseUrlError}). */
function baseUrlMessage(error: BaseUrlError): string {
  switch (error.problem) {
    case 'not-url':
      return l10n.t('The setting {0} is not a URL: "{1}".', error.setting, error.detail);
    case 'credentials':
      return l10n.t('The setting {0} must not contain a user name or password.', error.setting);
    case 'insecure-http':
      return l10n.t(
        'The setting {0} uses http:// to {1}: the access token would travel unencrypted. Use https://, or http:// only for 127.0.0.1 or localhost.',
        error.setting,
        error.detail,
      );
    case 'bad-scheme':
      return l10n.t('The setting {0} must be an https:// URL, got {1}//.', error.setting, error.detail);
  }
}

/**
 * Any error the extension shows, as one sentence (or two) in the display language: each typed error of
 * src/peloton by its kind and fields; anything else by its message (an OS error from the file system, say).
 */
export function userMessage(error: unknown): string {
  if (error instanceof PelotonAuthError) return l10n.t('Peloton refused the access token ({0}, HTTP 401).', error.endpoint);
  if (error instanceof PelotonApiError) {
    if (error.status === 429) return l10n.t('Peloton is limiting requests (HTTP 429 for {0}). Try again in a few minutes.', error.endpoint);
    if (error.status >= 500) return l10n.t("Peloton's server answered with an error (HTTP {0} for {1}). Try again later.", error.status, error.endpoint);
    if (error.status === 404) return l10n.t('Peloton does not have what was asked for (HTTP 404 for {0}).', error.endpoint);
    return l10n.t('Peloton answered HTTP {0} for {1}: {2}', error.status, error.endpoint, error.detail);
  }
  if (error instanceof PelotonSchemaError) {
    return error.path
      ? l10n.t("Peloton's answer to {0} has an unexpected shape at {1}: {2}", error.endpoint, error.path, error.detail)
      : l10n.t("Peloton's answer to {0} has an unexpected shape: {1}", error.endpoint, error.detail);
  }
  if (error instanceof PelotonNetworkError) return networkMessage(error);
  if (error instanceof TokenFormatError) return tokenFormatMessage(error);
  if (error instanceof TokenRefreshError) {
    return error.oauthError
      ? l10n.t('Peloton refused to renew the session ({0}).', error.oauthError)
      : l10n.t('Peloton could not renew the session.');
  }
  if (error instanceof WrongAccountError) return l10n.t('The token belongs to another Peloton account: sign in again.');
  if (error instanceof PasswordLoginError) return passwordSignInMessage(error);
  if (error instanceof BaseUrlError) return baseUrlMessage(error);
  if (error instanceof SessionExpiredError) {
    return error.signedOut ? l10n.t('You are not signed in to Peloton.') : l10n.t('Your Peloton session expired.');
  }
  if (error instanceof PelotonError || error instanceof Error) return error.message;
  return String(error);
}
