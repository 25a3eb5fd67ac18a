/**
 * Back-and-forth paging over a cursor connection (the gateway's `first`/`after` with `pageInfo`): the
 * gateway gives no reverse cursor, so the `after` of every page seen so far is kept for 上一页.
 */
import { useCallback, useState } from 'react';

export interface CursorPages {
  /** The cursor to ask with: null on the first page. */
  after: string | null;
  /** 1 on the first page. */
  page: number;
  next: (endCursor: string) => void;
  prev: () => void;
}

/** Pages of one listing; a new `resetKey` (other filters) starts again at the first page. */
export function useCursorPages(resetKey: string): CursorPages {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key: resetKey, stack: [null] });
  const stack = state.key === resetKey ? state.stack : [null];
  const next = useCallback((endCursor: string) => setState({ key: resetKey, stack: [...stack, endCursor] }), [resetKey, stack]);
  const prev = useCallback(() => setState({ key: resetKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }), [resetKey, stack]);
  return { after: stack[stack.length - 1] ?? null, page: stack.length, next, prev };
}

export interface PageInfoLike {
  hasNextPage: boolean;
  endCursor?: string | null;
}

/** 上一页 / 下一页 (and, with `showPage`, 第 N 页) under a listing. */
export function CursorPager({ label, pages, pageInfo, showPage = false }: { label: string; pages: CursorPages; pageInfo: PageInfoLike | undefined; showPage?: boolean }) {
  const nextCursor = pageInfo?.hasNextPage ? pageInfo.endCursor : null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={pages.after === null} onClick={pages.prev}>
        上一页
      </button>
      {showPage ? <span>第 {pages.page} 页</span> : null}
      <button type="button" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        下一页
      </button>
    </nav>
  );
}
