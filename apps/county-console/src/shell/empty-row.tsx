import type { ReactNode } from 'react';

/** The one row of a listing with nothing in it, across all `columns`, so the table keeps its header. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="muted">
        {children}
      </td>
    </tr>
  );
}
