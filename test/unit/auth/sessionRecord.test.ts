/**
 * The stored session record (src/auth/sessionRecord.ts): how the session was made is remembered, a record stored before
 * that (and before generations) still reads, and nothing but a record is ever read or written.
 */
import assert from 'node:assert/strict';
import { parseSessionRecord, serializeSessionRecord, sessionRecordOf } from '../../../src/auth/sessionRecord';

const me = { id: 'u1', username: 'rider' };

describe('the session record', () => {
  it('remembers how the session was made, and holds the same secrets as before: the two tokens', () => {
    const record = sessionRecordOf({ accessToken: 'a', refreshToken: 'v1.r', expiresAt: 10 }, me, 'web-app-value');
    assert.deepEqual(record, { id: 'peloton-u1', accessToken: 'a', refreshToken: 'v1.r', expiresAt: 10, userId: 'u1', username: 'rider', origin: 'web-app-value' });
    assert.deepEqual(sessionRecordOf({ accessToken: 'a', expiresAt: 10 }, { id: 'u2', username: '' }, 'access-token'), {
      id: 'peloton-u2',
      accessToken: 'a',
      expiresAt: 10,
      userId: 'u2',
      username: 'u2',
      origin: 'access-token',
    });
  });

  it('reads back what it writes, generation included', () => {
    const record = { ...sessionRecordOf({ accessToken: 'a', refreshToken: 'v1.r', expiresAt: 10 }, me, 'password'), generation: 4 };
    assert.deepEqual(parseSessionRecord(serializeSessionRecord(record)), record);
  });

  it('reads a record stored before origins and generations', () => {
    const legacy = '{"id":"peloton-u1","accessToken":"a","refreshToken":"v1.r","expiresAt":10,"userId":"u1","username":"rider"}';
    assert.deepEqual(parseSessionRecord(legacy), { id: 'peloton-u1', accessToken: 'a', refreshToken: 'v1.r', expiresAt: 10, userId: 'u1', username: 'rider' });
  });

  it('reads nothing from what is not a record, and refuses to write one that is not', () => {
    for (const text of [undefined, '', 'not json', '{"id":"x"}', '{"id":"peloton-u1","accessToken":"a","expiresAt":10,"userId":"u1","username":"r","origin":"cookie"}']) {
      assert.equal(parseSessionRecord(text), null, String(text));
    }
    assert.throws(() => serializeSessionRecord({ ...sessionRecordOf({ accessToken: 'a', expiresAt: 1 }, me, 'password'), generation: -1 }));
  });
});
