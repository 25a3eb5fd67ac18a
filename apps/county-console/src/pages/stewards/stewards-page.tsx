/**
 * 红管家 directory: the stewards of the user's regions, filtered by region, unit and number class
 * (what StewardFilter offers), a page at a time. Filters live in the address bar; the cursors of
 * the pages already seen are kept so 上一页 goes back without asking the server for a reverse cursor.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { workRegions } from '../../auth/roles.js';
import { CursorPager, useCursorPages } from '../../shell/cursor-pager.js';
import { EmptyRow } from '../../shell/empty-row.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { Link, useRouter } from '../../shell/router.js';
import { useMe } from '../../shell/session-context.js';
import { useQuery } from '../../shell/use-query.js';
import { findInPage, readStewardFilter, regionProblem, STEWARD_CLASSES, STEWARD_READER_ROLES, stewardVariables, writeStewardFilter, type StewardFilterForm } from './steward-filter.js';
import { CLASS_NAMES, classLabel } from './steward-card.js';
import { formatDay } from '../../shell/format.js';
import { StewardsDirectoryDocument, StewardsUnitsDocument } from './stewards.generated.js';
import './stewards.css';

/** Units offered in the unit filter; a county has a few dozen. */
const UNITS_SHOWN = 100;

export default function StewardsPage(_props: { params: Record<string, string> }) {
  const me = useMe();
  const { location, navigate } = useRouter();
  const applied = useMemo(() => readStewardFilter(location.query), [location.query]);
  const regions = useMemo(() => workRegions(me?.grants ?? [], STEWARD_READER_ROLES), [me]);
  const appliedKey = writeStewardFilter(applied);
  // The form and the pages seen belong to the filter in the address bar: a new filter (a query, the
  // back button, a pasted link) starts from its own values on page 1.
  const [draft, setDraft] = useState<{ key: string; form: StewardFilterForm }>({ key: appliedKey, form: applied });
  const pages = useCursorPages(appliedKey);
  const [find, setFind] = useState('');
  const form = draft.key === appliedKey ? draft.form : applied;
  const setForm = (f: StewardFilterForm) => setDraft({ key: appliedKey, form: f });

  const problem = regionProblem(applied.region, regions);
  const list = useQuery(StewardsDirectoryDocument, stewardVariables(applied, pages.after), { skip: !!problem });
  const units = useQuery(StewardsUnitsDocument, { ...(applied.region && !problem ? { region: applied.region } : {}), first: UNITS_SHOWN });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/stewards${writeStewardFilter(form)}`);
  };
  const formProblem = regionProblem(form.region, regions);
  const rows = findInPage(list.data?.stewards.items ?? [], find);

  return (
    <section className="stewards-page" aria-labelledby="stewards-title">
      <h2 id="stewards-title">红管家名录</h2>
      <form className="toolbar" onSubmit={submit} aria-label="筛选红管家">
        <label>
          区域
          <input
            name="region"
            list="steward-regions"
            value={form.region}
            placeholder={regions.length ? '全部辖区' : ''}
            onChange={(e) => setForm({ ...form, region: e.target.value })}
            aria-invalid={!!formProblem}
            aria-describedby={formProblem ? 'steward-region-problem' : undefined}
          />
          <datalist id="steward-regions">
            {regions.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </label>
        <label>
          单位
          <select name="unit" value={form.unitId} onChange={(e) => setForm({ ...form, unitId: e.target.value })}>
            <option value="">全部单位</option>
            {units.data?.units.items.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}（{u.code}）
              </option>
            ))}
          </select>
        </label>
        <label>
          号段
          <select name="class" value={form.stewardClass} onChange={(e) => setForm({ ...form, stewardClass: e.target.value })}>
            <option value="">全部号段</option>
            {STEWARD_CLASSES.map((c) => (
              <option key={c} value={String(c)}>
                {c}号段 · {CLASS_NAMES[c]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!!formProblem}>
          查询
        </button>
        <button type="button" onClick={() => navigate('/stewards')}>
          重置
        </button>
        <label className="find">
          本页查找（姓名/编号）
          <input type="search" value={find} onChange={(e) => setFind(e.target.value)} />
        </label>
      </form>
      {formProblem && (
        <p id="steward-region-problem" className="error" role="alert">
          {formProblem}
        </p>
      )}
      {problem && !formProblem && <p className="error">{problem}</p>}
      <ErrorNotice error={list.error} />
      <ErrorNotice error={units.error} />
      {list.loading && <Loading />}
      {list.data && (
        <>
          <table className="stewards-table">
            <caption className="muted">
              第 {pages.page} 页，本页 {list.data.stewards.items.length} 人{find.trim() ? `，查找到 ${rows.length} 人` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">姓名</th>
                <th scope="col">号段</th>
                <th scope="col">单位</th>
                <th scope="col">网格 / 楼栋</th>
                <th scope="col">入册日期</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} data-testid="steward-row" data-id={s.id}>
                  <td>
                    <Link to={`/stewards/${encodeURIComponent(s.id)}`}>{s.number}</Link>
                  </td>
                  <td>{s.card.name ?? <span className="muted">（辖区外人员）</span>}</td>
                  <td>{classLabel(s.class, s.card.classTitle)}</td>
                  <td>{s.card.unitName ?? <span className="muted">（辖区外单位）</span>}</td>
                  <td>
                    {s.grid}
                    {s.building ? ` · ${s.building}号楼` : ''}
                  </td>
                  <td>{formatDay(s.enrolledAt)}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <EmptyRow columns={6}>没有符合条件的红管家</EmptyRow>
              )}
            </tbody>
          </table>
          <CursorPager label="翻页" pages={pages} pageInfo={list.data.stewards.pageInfo} />
        </>
      )}
    </section>
  );
}
