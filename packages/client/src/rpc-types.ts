// Type helpers that read the JSON bodies and inputs of typed RPC calls (`hc<AppType>`, the client's `api`), so
// element packages infer their types from the server's route schemas instead of writing them by hand.
type Call = (...args: never[]) => Promise<unknown>;
/** The JSON body a typed RPC call answers with status S. */
export type RpcBody<F, S extends number> = F extends Call
  ? Extract<Awaited<ReturnType<F>>, { status: S }> extends { json(): Promise<infer T> }
    ? T
    : never
  : never;
/** The first argument of a typed RPC call (its `json`, `query`, `param`). */
export type RpcInput<F> = F extends (args: infer A, ...rest: never[]) => unknown ? NonNullable<A> : never;
