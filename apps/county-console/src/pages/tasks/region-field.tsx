/**
 * A region path input: typed, or picked from the user's work regions and the children of the region
 * entered so far. The value is committed on Enter, on leaving the field, or on picking a suggestion,
 * so a half-typed path does not start a query per keystroke.
 */
import { useEffect, useId, useState } from 'react';
import { useQuery } from '../../shell/use-query.js';
import { isRegionPath } from './publish-form.js';
import { TasksChildRegionsDocument, TasksRegionByPathDocument } from './tasks.generated.js';

export function RegionField({ label, value, onCommit, regions, error, id }: { label: string; value: string; onCommit: (path: string) => void; regions: readonly string[]; error?: string; id?: string }) {
  const own = useId();
  const inputId = id ?? `${own}-region`;
  const listId = `${inputId}-list`;
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const valid = isRegionPath(value);
  const node = useQuery(TasksRegionByPathDocument, { region: value }, { skip: !valid });
  const children = useQuery(TasksChildRegionsDocument, { id: node.data?.regionByPath.id ?? '' }, { skip: !node.data });
  const childItems = node.data?.regionByPath.path === value ? (children.data?.regionChildren.items ?? []) : [];
  const commit = (next: string) => {
    const t = next.trim();
    if (t !== value) onCommit(t);
  };
  return (
    <label htmlFor={inputId}>
      {label}
      <input
        id={inputId}
        list={listId}
        value={text}
        size={34}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          // A pick from the list is a whole path: take it at once.
          if (regions.includes(e.target.value) || childItems.some((c) => c.path === e.target.value)) commit(e.target.value);
        }}
        onBlur={() => commit(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit(text);
          }
        }}
      />
      <datalist id={listId}>
        {regions.map((r) => (
          <option key={r} value={r} />
        ))}
        {childItems.map((c) => (
          <option key={c.path} value={c.path}>
            {c.name}
          </option>
        ))}
      </datalist>
      {error ? (
        <span id={`${inputId}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </label>
  );
}
