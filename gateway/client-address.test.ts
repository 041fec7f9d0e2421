import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, trustedProxies, trustedProxyProblem } from './client-address.js';

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientAddressOf', () => {
  const proxies = trustedProxies(['10.0.0.0/8', '192.0.2.7', 'fd00::/8']);

  it('uses the socket peer when it is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddressOf(request('203.0.113.9', '198.51.100.1'), proxies)).toBe('203.0.113.9');
    expect(clientAddressOf(request('::ffff:203.0.113.9'), proxies)).toBe('203.0.113.9');
  });

  it('reads X-Forwarded-For right to left past trusted proxies to the first untrusted hop', () => {
    expect(clientAddressOf(request('10.1.2.3', '198.51.100.1'), proxies)).toBe('198.51.100.1');
    // A client-made entry left of the real one is never read.
    expect(clientAddressOf(request('10.1.2.3', '1.2.3.4, 198.51.100.1, 192.0.2.7'), proxies)).toBe(
      '198.51.100.1',
    );
    expect(clientAddressOf(request('fd00::1', '2001:db8::5'), proxies)).toBe('2001:db8::5');
  });

  it('stops at a malformed entry, keeping the last good hop; no header keeps the proxy', () => {
    expect(clientAddressOf(request('10.1.2.3', 'garbage, 10.9.9.9'), proxies)).toBe('10.9.9.9');
    expect(clientAddressOf(request('10.1.2.3'), proxies)).toBe('10.1.2.3');
  });

  it('trusts nobody by default', () => {
    expect(clientAddressOf(request('10.1.2.3', '198.51.100.1'), trustedProxies([]))).toBe(
      '10.1.2.3',
    );
  });

  it('names a bad TRUSTED_PROXIES entry', () => {
    expect(trustedProxyProblem('10.0.0.0/8')).toBeUndefined();
    expect(trustedProxyProblem('fd00::/129')).toMatch(/bad prefix/);
    expect(trustedProxyProblem('proxy.local')).toMatch(/not an IP address/);
  });
});
