import { describe, expect, it } from 'vitest';
import { ConfigError } from '../loaders/config.js';
import { readGatewayConfig } from './config.js';
import { CORS_ALLOWED_HEADERS, corsOriginProblem, corsSummary } from './http-security.js';

describe('CORS settings', () => {
  it('allows the headers real clients send: client awareness and W3C trace context', () => {
    expect(CORS_ALLOWED_HEADERS).toEqual(
      expect.arrayContaining([
        'authorization',
        'content-type',
        'apollographql-client-name',
        'apollographql-client-version',
        'traceparent',
        'tracestate',
      ]),
    );
  });

  it('accepts origins and *, and names the fix for anything else', () => {
    expect(corsOriginProblem('*')).toBeUndefined();
    expect(corsOriginProblem('https://dash.example.org')).toBeUndefined();
    expect(corsOriginProblem('http://127.0.0.1:8080')).toBeUndefined();
    expect(corsOriginProblem('https://dash.example.org/')).toMatch(
      /write it as https:\/\/dash\.example\.org/,
    );
    expect(corsOriginProblem('dash.example.org')).toMatch(/is not an origin/);
    expect(() => readGatewayConfig({ CORS_ORIGINS: 'https://a.example.org/app' })).toThrow(
      ConfigError,
    );
  });

  it('says at startup what is allowed, and same-origin only when unset', () => {
    expect(corsSummary([])).toMatch(/^CORS: same-origin only \(CORS_ORIGINS is unset\)/);
    expect(corsSummary(['https://a.example.org'])).toMatch(
      /^CORS: allowed origins https:\/\/a\.example\.org; methods GET, POST; request headers .*traceparent/,
    );
    expect(corsSummary(['*'])).toMatch(/any origin \(\*\)/);
  });
});
