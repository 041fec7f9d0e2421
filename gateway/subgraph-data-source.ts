import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { signViewer, VIEWER_HEADER, type Viewer } from '../loaders/identity.js';
import { REQUEST_ID_HEADER } from '../schema/http.js';

/** What the gateway knows about each request. */
export interface GatewayContext {
  readonly requestId: string;
  readonly viewer: Viewer;
}

/**
 * Forwards the request id and the viewer, signed with the secret shared by gateway and subgraphs,
 * so a subgraph trusts the viewer only when it came through the gateway.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly identitySecret: string,
  ) {
    super(config);
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers || !('context' in options) || !options.context?.viewer) {
      return;
    }
    headers.set(REQUEST_ID_HEADER, options.context.requestId);
    if (options.context.viewer.role !== 'public') {
      headers.set(VIEWER_HEADER, signViewer(options.context.viewer, this.identitySecret));
    }
  }
}
