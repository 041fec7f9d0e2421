import type { GraphiQL } from 'graphiql';
import type { ComponentProps } from 'react';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/** Where GraphQL is served: the gateway that served this page. */
export const GRAPHQL_URL = '/graphql';

const TOKEN_KEY = 'crg.explorer.token';

/** The pasted bearer token; kept in sessionStorage (this tab only), never sent anywhere else. */
export function readToken(): string {
  return window.sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function writeToken(token: string): void {
  if (token === '') {
    window.sessionStorage.removeItem(TOKEN_KEY);
  } else {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  }
}

/** The request headers: the editor's own, then the signed-in token (when any) as a bearer. */
export function requestHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const token = readToken();
  return {
    'content-type': 'application/json',
    'apollographql-client-name': 'crg-explorer',
    ...extra,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
}

/** GraphiQL's fetcher: POST JSON to the gateway, with the token. */
export const fetcher: Fetcher = async (params, options) => {
  const response = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: requestHeaders({
      accept: 'application/graphql-response+json, application/json',
      ...((options?.headers as Record<string, string> | undefined) ?? {}),
    }),
    body: JSON.stringify(params),
  });
  return response.json();
};
