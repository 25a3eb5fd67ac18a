/**
 * Loading state for one GraphQL operation: `data`, `error` (an ApiError with the gateway's code) and
 * `reload`. Variables are compared by value, so a page can pass a fresh object on every render.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import type { TypedDocumentString } from '../api/typed-document.js';
import { useClient } from './session-context.js';

export interface QueryState<R> {
  data: R | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables: V, opts: { skip?: boolean } = {}): QueryState<R> {
  const client = useClient();
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data?: R; error?: ApiError; loading: boolean }>({ loading: !opts.skip });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (opts.skip) return;
    const run = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    client
      .request(document, JSON.parse(key) as V)
      .then((data) => run === latest.current && setState({ data, loading: false }))
      .catch((err: unknown) => run === latest.current && setState({ error: err instanceof ApiError ? err : new ApiError('INTERNAL', String(err)), loading: false }));
  }, [client, document, key, tick, opts.skip]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A mutation: `run(variables)` resolves with the result or rejects with ApiError; `pending` while it runs. */
export function useMutation<R, V>(document: TypedDocumentString<R, V>) {
  const client = useClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const run = useCallback(
    async (variables: V): Promise<R> => {
      setPending(true);
      setError(undefined);
      try {
        return await client.request(document, variables);
      } catch (err) {
        const e = err instanceof ApiError ? err : new ApiError('INTERNAL', String(err));
        setError(e);
        throw e;
      } finally {
        setPending(false);
      }
    },
    [client, document],
  );
  return { run, pending, error };
}
