import { describe, expect, it } from 'vitest';
import { requestIdOfPromise, requestScope } from './process-guard.js';

describe('requestIdOfPromise', () => {
  it('finds the request a promise was created under, for unhandled-rejection logs', async () => {
    const promise = requestScope.run({ requestId: 'req-42' }, () => Promise.resolve(1));
    // Node 20 and 22 keep AsyncLocalStorage's store on each promise; Node 24 keeps it in an
    // AsyncContextFrame that a promise does not expose, and the log then has no request id.
    const storeOnPromises = Object.getOwnPropertySymbols(promise).length > 0;
    expect(requestIdOfPromise(promise)).toBe(storeOnPromises ? 'req-42' : undefined);
    await promise;
  });

  it('is undefined outside any request', () => {
    expect(requestIdOfPromise(Promise.resolve(1))).toBeUndefined();
  });
});
