import assert from 'node:assert/strict';
import { listDrivenFloor } from '../../../bench/floor';

describe('the benchmark floor of the list-driven cold history', () => {
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it('one page, no chain: /api/me, page 0, then two requests per test in rounds of 6', () => {
    assert.equal(listDrivenFloor({ testsByPage: [ids('t', 10)], chain: [], pageZeroWithMe: false }, 6), 2 + Math.ceil(20 / 6));
  });

  it('page 0 beside /api/me saves a round trip', () => {
    assert.equal(listDrivenFloor({ testsByPage: [ids('t', 10)], chain: [], pageZeroWithMe: true }, 6), 1 + Math.ceil(20 / 6));
  });

  it('the chain head goes out beside page 0, so a chained rider can beat the naive sum', () => {
    const tests = ids('t', 3);
    assert.equal(listDrivenFloor({ testsByPage: [tests], chain: tests, pageZeroWithMe: false }, 6), 3);
  });

  it('a chain alone costs one round trip per test after /api/me', () => {
    assert.equal(listDrivenFloor({ testsByPage: [[]], chain: ids('c', 4), pageZeroWithMe: true }, 6), 1 + 4);
  });

  it('20 pages and 100 requests of tests: pages first, then full rounds', () => {
    const testsByPage = Array.from({ length: 20 }, (_, k) => ids(`p${k}t`, k < 10 ? 5 : 0));
    assert.equal(listDrivenFloor({ testsByPage, chain: [], pageZeroWithMe: true }, 6), 1 + Math.ceil((19 + 100) / 6));
  });
});
