/**
 * One VS Code window's share of the session, as the extension builds it (src/extension.ts) but without VS Code: the
 * real SharedSession over a stand-in of SecretStorage (sessionSlots.ts), the real renewal lock folder, and the real
 * AccessTokens renewing with the real refresh grant against a fake Auth0 on 127.0.0.1. Also the session records the
 * tests store.
 */
import { createHash } from 'node:crypto';
import { AccessTokens } from '../../../src/auth/accessTokens';
import type { PelotonSessionRecord, SessionOrigin } from '../../../src/auth/sessionRecord';
import { SharedSession } from '../../../src/auth/sharedSession';
import { refreshAccessToken } from '../../../src/peloton/signIn/oauthToken';
import { decodeJwtPayload } from '../../../src/peloton/signIn/tokens';
import { sessionSlot, type SlotKind } from './sessionSlots';

/** Where a window's parts live. */
export interface WindowOptions {
  /** The file that plays the machine's SecretStorage. */
  storeFile: string;
  /** The extension's renewal lock folder (shared by every window). */
  lockFolder: string;
  /** How this window sees SecretStorage: desktop (`live`) or code-server (`snapshot`). */
  kind: SlotKind;
  /** The fake's URL (Auth0's token endpoint is POST <url>/oauth/token). */
  authBaseUrl: string;
  /** Told of every refresh token this window presents, before it is sent (the grant waits for it). */
  onPresent?: (refreshToken: string) => void | Promise<void>;
}

/** A window: its session and its access tokens. */
export interface RenewingWindow {
  session: SharedSession;
  tokens: AccessTokens;
  /** The window's log lines. */
  log: string[];
}

/** Opens a window: it loads the stored session as a window does at start. */
export async function openWindow(options: WindowOptions): Promise<RenewingWindow> {
  const log: string[] = [];
  const session = new SharedSession(sessionSlot(options.storeFile, options.kind), options.lockFolder, { log: (m) => log.push(m) });
  await session.load();
  const tokens = new AccessTokens(
    session,
    async (refreshToken) => {
      await options.onPresent?.(refreshToken);
      return refreshAccessToken({ authBaseUrl: options.authBaseUrl, refreshToken });
    },
    (m) => log.push(m),
  );
  return { session, tokens, log };
}

/** A session record for the fake's rider with these tokens (`expiresAt` from the access token's `exp`). */
export function recordOf(
  rider: { userId: string; username: string },
  accessToken: string,
  refreshToken: string | undefined,
  origin: SessionOrigin = 'password',
): PelotonSessionRecord {
  return {
    id: `peloton-${rider.userId}`,
    accessToken,
    ...(refreshToken ? { refreshToken } : {}),
    expiresAt: decodeJwtPayload(accessToken).exp ?? 0,
    userId: rider.userId,
    username: rider.username,
    origin,
  };
}

/** What a window process (windowProcess.ts) reports. */
export interface WindowReport {
  /** `token`: it got an access token; `outdated`: it asks for a reload; `expired`: signed out; `error`: anything else. */
  outcome: 'token' | 'outdated' | 'expired' | 'error';
  /** The fingerprint of the access token it got, or null. */
  accessToken: string | null;
  /** The fingerprints of the refresh tokens it presented. */
  presented: string[];
  /** Its log lines, or the error's message. */
  log: string[];
}

/** SHA-256 of a token, hex: what a report names a token by. */
export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
