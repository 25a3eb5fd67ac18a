/**
 * 诉求工单: the petitions of the user's regions, newest first (the only order `petitions` gives), a
 * page at a time by cursor, filtered by state, category, channel, overdue and region. The filters and
 * the page live in the URL (queue-filters.ts), so a reload or a link keeps them.
 */
import { useMemo, useState } from 'react';
import { useMe } from '../../shell/session-context.js';
import { useRouter, Link } from '../../shell/router.js';
import { useQuery } from '../../shell/use-query.js';
import { CursorPager } from '../../shell/cursor-pager.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { formatDateTime } from '../../shell/format.js';
import { CHANNEL_LABELS, CHANNELS, PETITION_STATES, STATE_LABELS, channelLabel, stateLabel } from '../petition/petition-labels.js';
import { QueueCategoriesDocument, QueuePetitionsDocument } from './queue.generated.js';
import { parseQueueFilters, queueContext, queueVariables, serializeQueueFilters, shortRegion, withFilter, type QueueFilters, type StateFilter } from './queue-filters.js';
import './queue-page.css';

export default function QueuePage(_props: { params: Record<string, string> }) {
  const me = useMe();
  const { location, navigate } = useRouter();
  const grants = me?.grants;
  const ctx = useMemo(() => queueContext(grants ?? []), [grants]);
  const filters = parseQueueFilters(location.query, ctx);
  // Cursors of the pages before this one, for 上一页 (a reloaded page starts its history here).
  const [previous, setPrevious] = useState<string[]>([]);
  const list = useQuery(QueuePetitionsDocument, queueVariables(filters));
  const categories = useQuery(QueueCategoriesDocument, {});

  const go = (next: QueueFilters, replace: boolean) => {
    const qs = serializeQueueFilters(next, ctx);
    navigate(qs ? `/queue?${qs}` : '/queue', replace);
  };
  const change = (c: Partial<Omit<QueueFilters, 'after'>>) => {
    setPrevious([]);
    go(withFilter(filters, c), true);
  };
  const nextPage = (cursor: string) => {
    setPrevious((p) => [...p, filters.after]);
    go({ ...filters, after: cursor }, false);
  };
  const previousPage = () => {
    const before = previous.at(-1) ?? '';
    setPrevious((p) => p.slice(0, -1));
    go({ ...filters, after: before }, false);
  };

  const page = list.data?.petitions;
  const filtered = location.query.toString() !== '';
  return (
    <section className="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">诉求工单</h2>
      <form className="toolbar" role="search" aria-label="筛选诉求" onSubmit={(e) => e.preventDefault()}>
        <label>
          状态
          <select value={filters.state} onChange={(e) => change({ state: e.target.value as StateFilter })}>
            <option value="">全部</option>
            <option value="open">未办结</option>
            {PETITION_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          分类
          <select value={filters.category} onChange={(e) => change({ category: e.target.value })}>
            <option value="">全部</option>
            {categories.data?.categories.map((major) => (
              <optgroup key={major.key} label={major.nameZh}>
                <option value={major.key}>{major.nameZh}（全部）</option>
                {major.categories.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.nameZh}
                  </option>
                ))}
              </optgroup>
            ))}
            {/* A category from a link, before the taxonomy has loaded (or a retired one). */}
            {filters.category && !categories.data?.categories.some((m) => m.key === filters.category || m.categories.some((c) => c.key === filters.category)) ? (
              <option value={filters.category}>{filters.category}</option>
            ) : null}
          </select>
        </label>
        <label>
          渠道
          <select value={filters.channel} onChange={(e) => change({ channel: e.target.value as QueueFilters['channel'] })}>
            <option value="">全部</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          区域
          <select value={filters.region} onChange={(e) => change({ region: e.target.value })}>
            <option value="">全部辖区</option>
            {ctx.regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
            {filters.region && !ctx.regions.includes(filters.region) ? <option value={filters.region}>{filters.region}</option> : null}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => change({ overdue: e.target.checked })} />
          只看超期
        </label>
        {filtered ? (
          <button
            type="button"
            onClick={() => {
              setPrevious([]);
              navigate('/queue', true);
            }}
          >
            清除筛选
          </button>
        ) : null}
      </form>
      <ErrorNotice error={list.error} />
      {list.loading && !page ? <Loading /> : null}
      {page ? (
        <>
          <table className="queue-table" aria-busy={list.loading}>
            <caption className="muted">按提交时间排序，最新的在前{list.loading ? '（更新中…）' : ''}</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">诉求</th>
                <th scope="col">分类</th>
                <th scope="col">渠道</th>
                <th scope="col">区域</th>
                <th scope="col">提交时间</th>
                <th scope="col">办结期限</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((p) => (
                <tr key={p.id} data-testid="petition-row" data-id={p.id}>
                  <td className="code">
                    <Link to={`/petitions/${encodeURIComponent(p.id)}`}>{p.trackingCode}</Link>
                  </td>
                  <td>
                    <Link to={`/petitions/${encodeURIComponent(p.id)}`} tabIndex={-1}>
                      {p.title}
                    </Link>
                    {p.supervised ? <span className="badge">督办</span> : null}
                  </td>
                  <td>{p.categoryNameZh}</td>
                  <td>{channelLabel(p.channel)}</td>
                  <td title={p.region}>{shortRegion(p.region, ctx.regions)}</td>
                  <td>{formatDateTime(p.createdAt)}</td>
                  <td>
                    {formatDateTime(p.deadline)} {p.overdue ? <span className="badge overdue">超期</span> : null}
                  </td>
                  <td>{stateLabel(p.state)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.items.length === 0 ? <p className="muted">没有符合条件的诉求。</p> : null}
          <CursorPager label="翻页" pages={{ after: filters.after || null, page: previous.length + 1, next: nextPage, prev: previousPage }} pageInfo={page.pageInfo} />
        </>
      ) : null}
    </section>
  );
}
