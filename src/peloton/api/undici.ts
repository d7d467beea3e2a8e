/**
 * The parts of undici the extension uses, required one by one (an Agent, the request API and the
 * retry interceptor) so the bundle carries neither fetch, WebSocket, the cache nor the mocks.
 * Types come from the package's own declarations. undici is pinned to 7.x (see package.json).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Agent as AgentType, Dispatcher, interceptors as InterceptorsType } from 'undici';

/** undici's connection-pooling dispatcher (`undici/lib/dispatcher/agent`). */
export const Agent = require('undici/lib/dispatcher/agent.js') as typeof AgentType;

/** undici's retry interceptor (`interceptors.retry`). */
export const retryInterceptor = require('undici/lib/interceptor/retry.js') as typeof InterceptorsType.retry;

/** The Dispatcher-bound request API: call with `this` set to a dispatcher. */
const requestOnDispatcher = require('undici/lib/api/api-request.js') as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions & Record<string, unknown>,
) => Promise<Dispatcher.ResponseData>;

/** Options of {@link request}: undici's request options plus our own fields, which reach interceptors as is. */
export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & Record<string, unknown>;

/**
 * Sends one request through `dispatcher` (undici's `request`, without loading undici's index).
 * @throws undici's errors (connection, timeout, abort) unchanged.
 */
export function request(dispatcher: Dispatcher, url: string, options: RequestOptions): Promise<Dispatcher.ResponseData> {
  const { origin, pathname, search } = new URL(url);
  return requestOnDispatcher.call(dispatcher, { ...options, origin, path: `${pathname}${search}` } as Dispatcher.RequestOptions &
    Record<string, unknown>);
}

export type { Dispatcher };
