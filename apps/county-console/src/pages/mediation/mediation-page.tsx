/**
 * 矛盾调解 for county leaders and mediators, read-only: the dispute cases of their regions with the
 * filters a leader asks by (state, category, level, region, judicial confirmation due, 民转刑 risk),
 * and the deliberation meetings of the same region. Acting on a case happens in the mediators' app.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { workRegions } from '../../auth/roles.js';
import { CursorPager, useCursorPages } from '../../shell/cursor-pager.js';
import { EmptyRow } from '../../shell/empty-row.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { Link, useRouter } from '../../shell/router.js';
import { useMe } from '../../shell/session-context.js';
import { useQuery } from '../../shell/use-query.js';
import { caseVariables, MEDIATION_READER_ROLES, MEETINGS_SHOWN, readCaseFilter, regionProblem, writeCaseFilter, type CaseFilterForm, type RiskChoice, type StateChoice } from './case-filter.js';
import { formatDateTime, formatDay } from '../../shell/format.js';
import { CASE_STATE_NAMES, CASE_STATES, CATEGORIES, CATEGORY_NAMES, CONFIRMATION_NAMES, LEVEL_NAMES, LEVELS, MEETING_KIND_NAMES, MEETING_STATE_NAMES, RISK_NAMES } from './mediation-labels.js';
import { MediationCasesListDocument, MediationMeetingsListDocument, type MediationCasesListQuery } from './mediation.generated.js';
import type { DisputeCategory, MediationLevel } from '../../api/schema-types.js';
import './mediation.css';

type CaseRow = MediationCasesListQuery['mediationCases']['items'][number];

export default function MediationPage(_props: { params: Record<string, string> }) {
  const me = useMe();
  const { location, navigate } = useRouter();
  const applied = useMemo(() => readCaseFilter(location.query), [location.query]);
  const appliedKey = writeCaseFilter(applied);
  const regions = useMemo(() => workRegions(me?.grants ?? [], MEDIATION_READER_ROLES), [me]);
  // The form and the pages seen belong to the filter in the address bar (a new one starts on page 1).
  const [draft, setDraft] = useState<{ key: string; form: CaseFilterForm }>({ key: appliedKey, form: applied });
  const pages = useCursorPages(appliedKey);
  const form = draft.key === appliedKey ? draft.form : applied;
  const set = (patch: Partial<CaseFilterForm>) => setDraft({ key: appliedKey, form: { ...form, ...patch } });

  const problem = regionProblem(applied.region, regions);
  const formProblem = regionProblem(form.region, regions);
  const cases = useQuery(MediationCasesListDocument, caseVariables(applied, pages.after), { skip: !!problem });
  const meetings = useQuery(MediationMeetingsListDocument, { region: applied.region.trim() || null, first: MEETINGS_SHOWN }, { skip: !!problem });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/mediation${writeCaseFilter(form)}`);
  };

  return (
    <section className="mediation-page" aria-labelledby="mediation-title">
      <h2 id="mediation-title">矛盾调解</h2>
      <p className="muted">本页只读：查看辖区内调解案件与议事会。</p>
      <form className="toolbar" onSubmit={submit} aria-label="筛选调解案件">
        <label>
          状态
          <select name="state" value={form.state} onChange={(e) => set({ state: e.target.value as StateChoice })}>
            <option value="">全部</option>
            <option value="open">未结案</option>
            {CASE_STATES.map((s) => (
              <option key={s} value={s}>
                {CASE_STATE_NAMES[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          类别
          <select name="category" value={form.category} onChange={(e) => set({ category: e.target.value as '' | DisputeCategory })}>
            <option value="">全部</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_NAMES[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          层级
          <select name="level" value={form.level} onChange={(e) => set({ level: e.target.value as '' | MediationLevel })}>
            <option value="">全部</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          区域
          <input
            name="region"
            list="mediation-regions"
            value={form.region}
            placeholder="全部辖区"
            onChange={(e) => set({ region: e.target.value })}
            aria-invalid={!!formProblem}
            aria-describedby={formProblem ? 'mediation-region-problem' : undefined}
          />
          <datalist id="mediation-regions">
            {regions.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </label>
        <label>
          民转刑风险
          <select name="risk" value={form.criminalRisk} onChange={(e) => set({ criminalRisk: e.target.value as RiskChoice })}>
            <option value="">全部</option>
            <option value="yes">有风险</option>
            <option value="no">无风险</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" name="due" checked={form.confirmationDue} onChange={(e) => set({ confirmationDue: e.target.checked })} />
          司法确认期内
        </label>
        <button type="submit" className="primary" disabled={!!formProblem}>
          查询
        </button>
        <button type="button" onClick={() => navigate('/mediation')}>
          重置
        </button>
      </form>
      {formProblem && (
        <p id="mediation-region-problem" className="error" role="alert">
          {formProblem}
        </p>
      )}
      {problem && !formProblem && <p className="error">{problem}</p>}

      <section aria-labelledby="cases-title">
        <h3 id="cases-title">调解案件</h3>
        <ErrorNotice error={cases.error} />
        {cases.loading && <Loading />}
        {cases.data && (
          <>
            <CasesTable rows={cases.data.mediationCases.items} page={pages.page} />
            <CursorPager label="案件翻页" pages={pages} pageInfo={cases.data.mediationCases.pageInfo} />
          </>
        )}
      </section>

      <section aria-labelledby="meetings-title">
        <h3 id="meetings-title">议事会</h3>
        <ErrorNotice error={meetings.error} />
        {meetings.loading && <Loading />}
        {meetings.data && (
          <table data-testid="meetings">
            <caption className="muted">最近 {MEETINGS_SHOWN} 场以内，按时间倒序</caption>
            <thead>
              <tr>
                <th scope="col">议题</th>
                <th scope="col">类型</th>
                <th scope="col">时间</th>
                <th scope="col">地点</th>
                <th scope="col">状态</th>
                <th scope="col">议程 / 决议 / 到会</th>
              </tr>
            </thead>
            <tbody>
              {meetings.data.mediationMeetings.map((m) => (
                <tr key={m.id} data-testid="meeting-row" data-id={m.id}>
                  <td>{m.title}</td>
                  <td>{MEETING_KIND_NAMES[m.kind]}</td>
                  <td>{formatDateTime(m.startsAt)}</td>
                  <td>
                    {m.place}
                    <div className="muted">{m.region}</div>
                  </td>
                  <td>{MEETING_STATE_NAMES[m.state]}</td>
                  <td>
                    {m.agendaItems} / {m.decisions} / {m.state === 'held' ? m.attendees : '—'}
                  </td>
                </tr>
              ))}
              {meetings.data.mediationMeetings.length === 0 && (
                <EmptyRow columns={6}>没有议事会</EmptyRow>
              )}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}

function CasesTable({ rows, page }: { rows: readonly CaseRow[]; page: number }) {
  return (
    <table data-testid="cases">
      <caption className="muted">
        第 {page} 页，本页 {rows.length} 件
      </caption>
      <thead>
        <tr>
          <th scope="col">案号</th>
          <th scope="col">案件</th>
          <th scope="col">类别</th>
          <th scope="col">层级</th>
          <th scope="col">状态</th>
          <th scope="col">风险</th>
          <th scope="col">调解员</th>
          <th scope="col">受理日期</th>
          <th scope="col">司法确认</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.id} data-testid="case-row" data-id={c.id}>
            <td>
              <Link to={`/mediation/cases/${encodeURIComponent(c.id)}`}>{c.number}</Link>
            </td>
            <td>
              {c.title}
              <div className="muted">{c.region}</div>
            </td>
            <td>{c.categoryZh || CATEGORY_NAMES[c.category]}</td>
            <td>{LEVEL_NAMES[c.level]}</td>
            <td>
              <span className={`badge state-${c.state}`}>{CASE_STATE_NAMES[c.state]}</span>
            </td>
            <td>
              {RISK_NAMES[c.risk]}
              {c.criminalRisk && <span className="badge criminal">民转刑</span>}
            </td>
            <td>{c.mediatorName ?? <span className="muted">待指派</span>}</td>
            <td>{formatDay(c.openedAt)}</td>
            <td>
              {CONFIRMATION_NAMES[c.confirmationState]}
              {c.confirmationDeadline && c.confirmationState === 'none' && <div className="muted">截止 {c.confirmationDeadline.slice(0, 10)}</div>}
            </td>
          </tr>
        ))}
        {rows.length === 0 && (
          <EmptyRow columns={9}>没有符合条件的案件</EmptyRow>
        )}
      </tbody>
    </table>
  );
}
