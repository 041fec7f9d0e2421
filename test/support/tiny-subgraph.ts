import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { badUserInput } from '../../schema/errors.js';
import { graphqlHttpListener } from '../../schema/server/http.js';
import { listen, type Listening } from '../../schema/server/listen.js';

/** SDL of `notes`: a second subgraph to kill beside member-states. */
export const NOTES_SDL = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

type Query {
  """A greeting from the notes subgraph; null when it is down."""
  notesPing: String
  """A string of \`bytes\` x's: a response as large as asked."""
  notesBlob(bytes: Int!): String
}

"""A Member State, owned by member-states; notes adds a field."""
type Country @key(fields: "iso3") {
  """ISO 3166-1 alpha-3 code."""
  iso3: CountryCode!
  """A test note about the country; null when notes is down."""
  note: String
}

"""ISO 3166-1 alpha-3 code."""
scalar CountryCode
`;

export interface TinySubgraph {
  url: string;
  /** HTTP requests served since start. */
  readonly requests: () => number;
  /** Milliseconds to wait before answering (a slow subgraph). */
  delayMs: number;
  /** Stops listening (a killed subgraph); `start` brings it back on the same port. */
  kill(): Promise<void>;
  start(): Promise<void>;
}

/** The `notes` subgraph over real HTTP, counting requests; can be killed and restarted. */
export async function startNotesSubgraph(): Promise<TinySubgraph> {
  let requests = 0;
  const schema = buildSubgraphSchema([
    {
      typeDefs: parse(NOTES_SDL),
      resolvers: {
        Query: {
          notesPing: () => 'pong',
          notesBlob: (_: unknown, args: { bytes: number }) => {
            if (args.bytes < 0) {
              throw badUserInput([{ field: 'bytes', message: 'must be 0 or more' }]);
            }
            return 'x'.repeat(Math.min(args.bytes, 10_000_000));
          },
        },
        Country: {
          __resolveReference: (ref: { iso3: string }) => ref,
          note: (c: { iso3: string }) => `note on ${c.iso3}`,
        },
      },
    },
  ]);
  const apollo = new ApolloServer({ schema });
  await apollo.start();
  const tiny: TinySubgraph = {
    url: '',
    requests: () => requests,
    delayMs: 0,
    kill: async () => {
      const current = listening;
      listening = undefined;
      current?.server.closeAllConnections();
      await current?.close();
    },
    start: async () => {
      listening = await listen(base, { host: '127.0.0.1', port });
    },
  };
  const inner = graphqlHttpListener({
    apollo,
    maxBodyBytes: 1_000_000,
    context: async () => ({}),
  });
  const base: Parameters<typeof listen>[0] = async (req, res) => {
    requests += 1;
    if (tiny.delayMs > 0) {
      await new Promise((r) => setTimeout(r, tiny.delayMs));
    }
    await inner(req, res);
  };
  let listening: Listening | undefined = await listen(base, { host: '127.0.0.1', port: 0 });
  const port = Number(new URL(listening.url).port);
  tiny.url = listening.url;
  return tiny;
}
