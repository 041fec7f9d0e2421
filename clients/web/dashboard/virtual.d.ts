declare module 'virtual:client-operations' {
  /** The trusted documents of clients/operations/, by operation name (clients/web/operations-plugin.ts). */
  const operations: Readonly<
    Record<string, { readonly body: string; readonly sha256: string; readonly description: string }>
  >;
  export default operations;
}
