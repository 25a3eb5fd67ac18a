/** Back-and-forth paging over a cursor connection: the `after` of each page seen so far. */
import { useCallback, useState } from 'react';

export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key: resetKey, stack: [null] });
  // A change of what is listed starts again at the first page.
  const stack = state.key === resetKey ? state.stack : [null];
  const next = useCallback((endCursor: string) => setState({ key: resetKey, stack: [...stack, endCursor] }), [resetKey, stack]);
  const prev = useCallback(() => setState({ key: resetKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }), [resetKey, stack]);
  return { after: stack[stack.length - 1], page: stack.length, next, prev };
}
