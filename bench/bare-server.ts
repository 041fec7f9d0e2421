import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

// The ceiling for a cached response: node:http answering the same bytes for every request.
// Usage: node bare-server.js <folder of <query>.json files>; serves each at /graphql/<query>.
const dir = process.argv[2] ?? '';
const bodies = new Map(
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [
      `/graphql/${f.slice(0, -'.json'.length)}`,
      Buffer.from(readFileSync(join(dir, f), 'utf8')),
    ]),
);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = bodies.get(req.url ?? '');
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`bare server listening at http://127.0.0.1:${port}/graphql\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
