/**
 * Requests the fake Peloton API's own tests send (global fetch to the real server on 127.0.0.1): an API GET with a
 * bearer token, its JSON, and POST /oauth/token.
 */
import assert from 'node:assert/strict';
import { PELOTON_CLIENT_ID } from '../../fakePeloton/jwt';
import type { FakePeloton } from '../../fakePeloton/server';

/** A JSON object as parsed. */
export type Json = Record<string, unknown>;

/** GET a path with the fake's access token (or the given one; null sends no Authorization header). */
export function get(fake: FakePeloton, path: string, token: string | null = fake.accessToken, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Peloton-Platform': 'web' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  return fetch(`${fake.url}${path}`, { ...init, headers });
}

/** GET a path and parse the JSON answer, asserting a 200. */
export async function getJson<T = Json>(fake: FakePeloton, path: string): Promise<T> {
  const res = await get(fake, path);
  assert.equal(res.status, 200, `GET ${path}`);
  return (await res.json()) as T;
}

/** POST a form to /oauth/token. */
export function tokenRequest(fake: FakePeloton, fields: Record<string, string>): Promise<Response> {
  return fetch(`${fake.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The refresh grant as the web client sends it: its status and parsed body. */
export async function refreshGrant(fake: FakePeloton, refreshToken: string): Promise<{ status: number; body: Json }> {
  const res = await tokenRequest(fake, { grant_type: 'refresh_token', client_id: PELOTON_CLIENT_ID, refresh_token: refreshToken });
  return { status: res.status, body: (await res.json()) as Json };
}
