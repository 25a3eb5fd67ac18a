/** 任务: the region's tasks, filtered by status and kind, a page at a time. */
import { useEffect, useState } from 'react';
import type { TaskKind, TaskStatus } from '../../api/schema-types.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { Link } from '../../shell/router.js';
import { useQuery } from '../../shell/use-query.js';
import { formatDateTime } from '../../shell/format.js';
import { TASK_KIND_NAMES, TASK_STATUS_NAMES } from './labels.js';
import { LIST_LIMIT, pageCount, pageOf, searchOf, TASK_KINDS, TASK_STATUSES, type ListFilters } from './list-filters.js';
import { RegionField } from './region-field.js';
import { TasksListDocument } from './tasks.generated.js';

export function TaskList({ region, onRegion, regions, reloadKey }: { region: string; onRegion: (r: string) => void; regions: readonly string[]; reloadKey: number }) {
  const [status, setStatus] = useState<ListFilters['status']>('published');
  const [kind, setKind] = useState<ListFilters['kind']>('');
  const [page, setPage] = useState(0);
  const list = useQuery(TasksListDocument, { search: searchOf({ region, status, kind }) }, { skip: !region });
  const { reload } = list;
  useEffect(() => {
    if (reloadKey > 0) reload();
  }, [reloadKey, reload]);
  useEffect(() => setPage(0), [region, status, kind]);
  const all = list.data?.tasksNear ?? [];
  const shown = pageOf(all, page);
  const pages = pageCount(all.length);
  return (
    <section aria-labelledby="task-list-heading">
      <h3 id="task-list-heading">任务列表</h3>
      <div className="toolbar">
        <RegionField label="区域" value={region} onCommit={onRegion} regions={regions} />
        <label>
          状态
          <select value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | '')}>
            <option value="">全部</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {TASK_STATUS_NAMES[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          类型
          <select value={kind} onChange={(e) => setKind(e.target.value as TaskKind | '')}>
            <option value="">全部</option>
            {TASK_KINDS.map((k) => (
              <option key={k} value={k}>
                {TASK_KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={list.reload}>
          刷新
        </button>
      </div>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        all.length === 0 ? (
          <p className="muted">没有符合条件的任务。</p>
        ) : (
          <>
            <table aria-labelledby="task-list-heading">
              <thead>
                <tr>
                  <th scope="col">标题</th>
                  <th scope="col">类型</th>
                  <th scope="col">状态</th>
                  <th scope="col">积分</th>
                  <th scope="col">认领</th>
                  <th scope="col">截止</th>
                  <th scope="col">区域</th>
                </tr>
              </thead>
              <tbody>
                {shown.items.map((t) => (
                  <tr key={t.id} data-testid="task-row" data-id={t.id}>
                    <td>
                      <Link to={`/tasks/${encodeURIComponent(t.id)}`}>{t.title}</Link>
                    </td>
                    <td>{TASK_KIND_NAMES[t.kind]}</td>
                    <td>
                      <span className={`badge task-${t.status}`}>{TASK_STATUS_NAMES[t.status]}</span>
                    </td>
                    <td>{t.points}</td>
                    <td>
                      {t.claimed}/{t.capacity}
                    </td>
                    <td>{formatDateTime(t.deadline)}</td>
                    <td className="path">{t.region}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className="pager" aria-label="任务分页">
              <button type="button" disabled={shown.page === 0} onClick={() => setPage(shown.page - 1)}>
                上一页
              </button>
              <span aria-live="polite">
                第 {shown.page + 1} / {pages} 页，共 {all.length} 条
              </span>
              <button type="button" disabled={shown.page >= pages - 1} onClick={() => setPage(shown.page + 1)}>
                下一页
              </button>
              {all.length >= LIST_LIMIT ? <span className="muted">（最多显示 {LIST_LIMIT} 条，请缩小区域或筛选）</span> : null}
            </nav>
          </>
        )
      ) : null}
    </section>
  );
}
