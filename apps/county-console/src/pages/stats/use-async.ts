/**
 * Several requests that make one chart (a month each, a child region each): run together, shown together.
 * `key` says when to run again (like useQuery's variables); results of an older key are never shown for
 * a newer one, so a figure never shows last region's value under this region's controls.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError, type GraphQLClient } from '../../api/client.js';
import { useClient } from '../../shell/session-context.js';

export interface AsyncState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

export function useAsync<T>(run: (client: GraphQLClient) => Promise<T>, key: string, skip = false): AsyncState<T> {
  const client = useClient();
  const runRef = useRef(run);
  runRef.current = run;
  const [state, setState] = useState<{ key: string; data?: T; error?: ApiError }>({ key: '' });
  const latest = useRef(0);
  useEffect(() => {
    if (skip) return;
    const n = ++latest.current;
    runRef.current(client)
      .then((data) => n === latest.current && setState({ key, data }))
      .catch((err: unknown) => n === latest.current && setState({ key, error: err instanceof ApiError ? err : new ApiError('INTERNAL', String(err)) }));
  }, [client, key, skip]);
  const current = state.key === key && !skip;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, loading: !skip && !current };
}
