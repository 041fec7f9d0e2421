import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayStack, type GatewayStack } from './stack.js';

let stack: GatewayStack;

beforeAll(async () => {
  stack = await startGatewayStack({
    CORS_ORIGINS: 'https://dash.example.org',
    RESPONSE_CACHE: 'off',
  });
});
afterAll(() => stack?.close());

async function send(body: string | Uint8Array, contentType = 'application/json') {
  const response = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: body as RequestInit['body'],
  });
  const text = await response.text();
  return {
    status: response.status,
    json: JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] },
  };
}

/** Writes raw bytes over TCP and reads the whole answer: for requests fetch refuses to send. */
function raw(request: string): Promise<string> {
  const { hostname, port } = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.setTimeout(10_000, () => reject(new Error('no answer: the gateway hung')));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    socket.write(request);
  });
}

describe('hostile and careless input gets a 4xx GraphQL error with a code', () => {
  it('malformed JSON', async () => {
    expect(await send('{"query": "{ __typename }"')).toMatchInlineSnapshot(`
      {
        "json": {
          "errors": [
            {
              "extensions": {
                "code": "BAD_REQUEST",
              },
              "message": "The request body is not valid JSON.",
            },
          ],
        },
        "status": 400,
      }
    `);
  });

  it('a non-UTF-8 body', async () => {
    expect(await send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).toMatchInlineSnapshot(`
      {
        "json": {
          "errors": [
            {
              "extensions": {
                "code": "BAD_REQUEST",
              },
              "message": "The request body is not valid UTF-8.",
            },
          ],
        },
        "status": 400,
      }
    `);
  });

  it('a huge variables object', async () => {
    const variables = Object.fromEntries(
      Array.from({ length: 100_000 }, (_, i) => [`v${i}`, 'x'.repeat(10)]),
    );
    expect(await send(JSON.stringify({ query: '{ __typename }', variables })))
      .toMatchInlineSnapshot(`
      {
        "json": {
          "errors": [
            {
              "extensions": {
                "code": "BAD_REQUEST",
              },
              "message": "The request body is larger than 1048576 bytes.",
            },
          ],
        },
        "status": 413,
      }
    `);
  });

  it('a 10 MB query in a POST body', async () => {
    expect(await send(JSON.stringify({ query: `{ __typename ${'#'.repeat(10 * 1024 * 1024)} }` })))
      .toMatchInlineSnapshot(`
      {
        "json": {
          "errors": [
            {
              "extensions": {
                "code": "BAD_REQUEST",
              },
              "message": "The request body is larger than 1048576 bytes.",
            },
          ],
        },
        "status": 413,
      }
    `);
  });

  it('a 10 MB query string in a GET', async () => {
    const answer = await raw(
      `GET /graphql?query=${'x'.repeat(10 * 1024 * 1024)} HTTP/1.1\r\nhost: localhost\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1.1 431/);
    // The body, after the headers (which carry a date).
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "code": "BAD_REQUEST",
            },
            "message": "The request line or headers are too large; send the query in a POST body.",
          },
        ],
      }
    `);
  });

  it('a GET query over the token limit, refused before parsing', async () => {
    const tokens = `{ __typename ${Array.from({ length: 2100 }, () => '@a').join('')} }`;
    const refused = await fetch(`${stack.url}?query=${encodeURIComponent(tokens)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "actual": 2001,
              "code": "QUERY_TOO_COMPLEX",
              "limit": "tokens",
              "maximum": 2000,
            },
            "message": "Query too complex: tokens is 2001, over the limit of 2000 by 1 (counting stopped there).",
          },
        ],
      }
    `);
  });

  it('an empty body and a body without a query', async () => {
    const answers: Record<string, unknown> = {};
    for (const body of ['', '{}', '{"query": 42}', '[1,2]']) {
      answers[body] = await send(body);
    }
    expect(answers).toMatchInlineSnapshot(`
      {
        "": {
          "json": {
            "errors": [
              {
                "extensions": {
                  "code": "BAD_REQUEST",
                },
                "message": "POST body missing, invalid Content-Type, or JSON object has no keys.",
              },
            ],
          },
          "status": 400,
        },
        "[1,2]": {
          "json": {
            "errors": [
              {
                "extensions": {
                  "code": "BAD_REQUEST",
                },
                "message": "Operation batching disabled.",
              },
            ],
          },
          "status": 400,
        },
        "{"query": 42}": {
          "json": {
            "errors": [
              {
                "extensions": {
                  "code": "BAD_REQUEST",
                },
                "message": "GraphQL queries must be strings.",
              },
            ],
          },
          "status": 400,
        },
        "{}": {
          "json": {
            "errors": [
              {
                "extensions": {
                  "code": "BAD_REQUEST",
                },
                "message": "POST body missing, invalid Content-Type, or JSON object has no keys.",
              },
            ],
          },
          "status": 400,
        },
      }
    `);
  });

  it('a GET without the CSRF header', async () => {
    const response = await fetch(`${stack.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "extensions": {
              "code": "BAD_REQUEST",
            },
            "message": "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight
      ",
          },
        ],
      }
    `);
  });
});

describe('CORS and security headers', () => {
  it('answers a preflight from an allowed dashboard origin', async () => {
    const response = await fetch(stack.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dash.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://dash.example.org');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('gives no CORS grant to another origin, and sets security headers on every answer', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example.com' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
