import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../loaders/config.js';
import { readGatewayConfig } from './config.js';
import { outputTypeNames } from './response-cache.js';

describe('readGatewayConfig', () => {
  it('reads per-type max-ages, CORS origins and resilience settings', () => {
    const config = readGatewayConfig({
      RESPONSE_CACHE_TYPE_MAX_AGE: 'Country=600, M49Region=3600',
      CORS_ORIGINS: 'https://a.example.org, https://b.example.org',
      SUBGRAPH_TIMEOUT_MS: '2500',
      SUBGRAPH_RETRIES: '0',
    });
    expect(config.responseCache?.typeMaxAge).toEqual({ Country: 600, M49Region: 3600 });
    expect(config.corsOrigins).toEqual(['https://a.example.org', 'https://b.example.org']);
    expect(config.subgraphTimeoutMs).toBe(2500);
    expect(config.subgraphRetries).toBe(0);
  });

  it('lists every bad setting at once', () => {
    let error: unknown;
    try {
      readGatewayConfig({
        RESPONSE_CACHE_TYPE_MAX_AGE: 'Country:600',
        LIMIT_MAX_DEPTH: '0',
        SUBGRAPH_RETRIES: '9',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/RESPONSE_CACHE_TYPE_MAX_AGE/);
    expect(problems).toMatch(/LIMIT_MAX_DEPTH/);
    expect(problems).toMatch(/SUBGRAPH_RETRIES/);
  });
});

describe('bearer-token settings', () => {
  it('accepts only asymmetric algorithms from a JWKS, and reads the JWKS settings', () => {
    expect(() => readGatewayConfig({ JWT_ALGORITHMS: 'HS256,RS256' })).toThrow(/JWT_ALGORITHMS/);
    expect(() => readGatewayConfig({ JWT_ALGORITHMS: 'none' })).toThrow(/JWT_ALGORITHMS/);
    const config = readGatewayConfig({
      JWT_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      JWT_ALGORITHMS: 'RS256, ES256',
      JWT_JWKS_COOLDOWN_MS: '1000',
    });
    expect(config.jwks).toEqual({
      url: 'https://idp.example/.well-known/jwks.json',
      algorithms: ['RS256', 'ES256'],
      timeoutMs: 5000,
      cooldownMs: 1000,
      cacheMaxAgeMs: 600_000,
    });
  });
});

describe('outputTypeNames', () => {
  it('tags every output type, with the possible types of interfaces and unions', () => {
    const schema = buildSchema(`
      type Query { node: Node search: [Hit!]! }
      interface Node { id: ID! }
      type Law implements Node { id: ID! country: Country! }
      type Country implements Node { id: ID! }
      type Lesson { id: ID! }
      union Hit = Law | Lesson
    `);
    expect(
      outputTypeNames(schema, parse('{ node { id } search { ... on Law { country { id } } } }')),
    ).toEqual(['Country', 'Hit', 'Law', 'Lesson', 'Node']);
  });
});
