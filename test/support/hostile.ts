import { connect } from 'node:net';
import { ERROR_CODES, PASS_THROUGH_CODES } from '../../schema/errors.js';

/**
 * The HTTP statuses the graph answers with, as the README lists them. 500 is not among the
 * statuses a hostile request may get: every bad input has a 4xx and a code.
 */
export const HOSTILE_STATUSES: ReadonlySet<number> = new Set([
  200, 204, 400, 401, 403, 404, 405, 408, 413, 415, 417, 429, 431, 503,
]);

/** Every code a client may see: the vocabulary and the codes Apollo emits that pass through. */
export const CLIENT_CODES: ReadonlySet<string> = new Set([
  ...Object.keys(ERROR_CODES),
  ...PASS_THROUGH_CODES,
]);

/** What must never reach a client: stack frames, SQL, file paths, driver messages. */
export const LEAK =
  /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+|\bselect\b.+\bfrom\b|\binsert into\b|\bsyntax error at\b|\bpostgres|\bkysely\b|\bECONNREFUSED\b|"stack"|"exception"/i;

export interface RawAnswer {
  /** 0 when the server closed the connection without answering. */
  readonly status: number;
  readonly head: string;
  readonly body: string;
}

/** Splits a raw HTTP/1.1 answer (only the first response on the socket). */
export function parseRawAnswer(full: string): RawAnswer {
  // Interim answers (`100 Continue` to `expect: 100-continue`) precede the real one.
  let answer = full;
  while (/^HTTP\/1\.[01] 1\d\d /.test(answer) && answer.includes('\r\n\r\n')) {
    answer = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  }
  const match = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(answer);
  if (!match) {
    return { status: 0, head: answer.slice(0, 200), body: '' };
  }
  const end = answer.indexOf('\r\n\r\n');
  const head = answer.slice(0, end < 0 ? answer.length : end);
  let body = end < 0 ? '' : answer.slice(end + 4);
  if (/\r\ntransfer-encoding: chunked/i.test(head)) {
    let decoded = '';
    let rest = body;
    for (;;) {
      const line = rest.indexOf('\r\n');
      const size = line < 0 ? 0 : parseInt(rest.slice(0, line), 16);
      if (!size) {
        break;
      }
      decoded += rest.slice(line + 2, line + 2 + size);
      rest = rest.slice(line + 2 + size + 2);
    }
    body = decoded;
  } else {
    const length = /\r\ncontent-length: (\d+)/i.exec(head);
    if (length) {
      body = Buffer.from(body).subarray(0, Number(length[1])).toString();
    }
  }
  // No body (a HEAD answer, Node's bare 417) and a pipelined second answer after it: that answer
  // is not this one's body.
  if (body.startsWith('HTTP/1.')) {
    body = '';
  }
  return { status: Number(match[1]), head, body };
}

/**
 * Writes raw bytes over TCP and reads until the server closes or `idleMs` pass without data (a
 * keep-alive socket after its answer). Resolves, never rejects: a reset is an answer too.
 */
export function rawRequest(
  url: string,
  request: string | Uint8Array,
  options: { endAfterWrite?: boolean; idleMs?: number } = {},
  // Half-closing makes Node's server drop answers still being computed (httpAllowHalfOpen is off):
  // only a client that really goes away does it.
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(idle);
      socket.destroy();
      resolve(parseRawAnswer(Buffer.concat(chunks).toString('latin1')));
    };
    let idle = setTimeout(done, 20_000);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      clearTimeout(idle);
      idle = setTimeout(done, options.idleMs ?? 300);
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
    socket.write(request, () => {
      if (options.endAfterWrite ?? false) {
        socket.end();
      }
    });
  });
}

/** The problems of one answer to a hostile request; empty when it is acceptable. */
export function problemsOf(answer: { status: number; body: string }): string[] {
  const problems: string[] = [];
  if (!HOSTILE_STATUSES.has(answer.status)) {
    problems.push(`status ${answer.status} is not one the README lists for bad input`);
  }
  if (LEAK.test(answer.body)) {
    problems.push(`the body leaks internals: ${answer.body.slice(0, 300)}`);
  }
  if (answer.status >= 400 && answer.body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      problems.push(`a ${answer.status} body is not JSON: ${answer.body.slice(0, 200)}`);
    }
    if (parsed !== undefined) {
      const errors = (parsed as { errors?: { extensions?: { code?: unknown } }[] }).errors;
      if (!Array.isArray(errors) || errors.length === 0) {
        problems.push(`a ${answer.status} body has no errors: ${answer.body.slice(0, 200)}`);
      } else {
        for (const error of errors) {
          const code = error.extensions?.code;
          if (typeof code !== 'string' || !CLIENT_CODES.has(code)) {
            problems.push(`an error without a known code: ${JSON.stringify(error).slice(0, 200)}`);
          }
        }
      }
    }
  }
  if (answer.status === 200 && answer.body.includes('"errors"')) {
    const errors = (JSON.parse(answer.body) as { errors?: { extensions?: { code?: unknown } }[] })
      .errors;
    for (const error of errors ?? []) {
      const code = error.extensions?.code;
      if (typeof code !== 'string' || !CLIENT_CODES.has(code) || code === 'INTERNAL_SERVER_ERROR') {
        problems.push(`a 200 carries an untyped error: ${JSON.stringify(error).slice(0, 200)}`);
      }
    }
  }
  return problems;
}
