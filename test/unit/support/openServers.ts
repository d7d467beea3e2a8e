/**
 * A root hook of the unit stage: every server a test starts listening (the fake Peloton, a test's own HTTP server) must
 * be closed by the end of the run. One left listening would keep mocha's process alive after the last test (the
 * stage's config exits anyway, so CI cannot hang, but the leak would go unnoticed); here it fails the run instead,
 * naming where the server was started.
 */
import assert from 'node:assert/strict';
import { Server } from 'node:net';

/** The servers listening now, each with the stack of its `listen` call. */
const listening = new Map<Server, string>();

const listen = Server.prototype.listen;
Server.prototype.listen = function (this: Server, ...args: unknown[]) {
  listening.set(this, new Error().stack?.split('\n').slice(2, 8).join('\n') ?? '');
  this.once('close', () => listening.delete(this));
  return (listen as (...a: unknown[]) => Server).apply(this, args);
} as typeof Server.prototype.listen;

/** Mocha's root hooks (loaded with `require` in .mocharc.json). */
export const mochaHooks = {
  afterAll(): void {
    const open = [...listening.entries()].filter(([server]) => server.listening);
    assert.equal(open.length, 0, `servers still listening after the unit tests:\n${open.map(([, stack]) => stack).join('\n---\n')}`);
  },
};
