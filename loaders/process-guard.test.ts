import { describe, expect, it } from 'vitest';
import { requestIdOfPromise, requestScope } from './process-guard.js';

describe('requestIdOfPromise', () => {
  it('finds the request a promise was created under, for unhandled-rejection logs', async () => {
    const promise = requestScope.run({ requestId: 'req-42' }, () => Promise.resolve(1));
    expect(requestIdOfPromise(promise)).toBe('req-42');
    await promise;
  });

  it('is undefined outside any request', () => {
    expect(requestIdOfPromise(Promise.resolve(1))).toBeUndefined();
  });
});
