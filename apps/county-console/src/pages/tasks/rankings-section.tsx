/** 排行榜: stewards by points in a month, quarter or year, within a community, a number class or a unit. */
import { useState } from 'react';
import type { RankingScope } from '../../api/schema-types.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { Link } from '../../shell/router.js';
import { useQuery } from '../../shell/use-query.js';
import { CursorPager, useCursorPages } from '../../shell/cursor-pager.js';
import { SCOPE_NAMES } from './labels.js';
import { PeriodPicker } from './period-picker.js';
import { currentPeriod } from './periods.js';
import { STEWARD_CLASSES } from './publish-form.js';
import { defaultRankingControls, rankingVariables } from './rankings.js';
import { RegionField } from './region-field.js';
import { TasksRankingsDocument, TasksUnitsDocument } from './tasks.generated.js';

const SCOPES: readonly RankingScope[] = ['COMMUNITY', 'CLASS', 'UNIT'];

export function RankingsSection({ region, onRegion, regions }: { region: string; onRegion: (r: string) => void; regions: readonly string[] }) {
  const [opening] = useState(() => defaultRankingControls(region));
  const [scope, setScope] = useState<RankingScope>(opening.scope);
  // The quarter: early in a month its ranking is still empty, and units are judged by quarter too.
  const [period, setPeriod] = useState(() => currentPeriod('quarter', new Date()));
  const [stewardClass, setStewardClass] = useState<number | null>(opening.stewardClass);
  const [unitId, setUnitId] = useState('');
  const units = useQuery(TasksUnitsDocument, { region }, { skip: scope !== 'UNIT' || !region });
  const wanted = rankingVariables({ scope, period, region, stewardClass, unitId });
  const pages = useCursorPages(JSON.stringify(wanted));
  const ranking = useQuery(TasksRankingsDocument, { ...('variables' in wanted ? wanted.variables : { period, scope }), after: pages.after }, { skip: !('variables' in wanted) });
  return (
    <section aria-labelledby="rankings-heading">
      <h3 id="rankings-heading">积分排行榜</h3>
      <div className="toolbar">
        <label>
          范围
          <select value={scope} onChange={(e) => setScope(e.target.value as RankingScope)}>
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {SCOPE_NAMES[s]}
              </option>
            ))}
          </select>
        </label>
        <PeriodPicker value={period} onChange={setPeriod} />
        <RegionField label={scope === 'COMMUNITY' ? '社区' : '区域'} value={region} onCommit={onRegion} regions={regions} />
        {scope === 'CLASS' ? (
          <label>
            号段
            <select value={stewardClass ?? ''} onChange={(e) => setStewardClass(e.target.value ? Number(e.target.value) : null)}>
              <option value="">请选择</option>
              {STEWARD_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {c} 号段
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {scope === 'UNIT' ? (
          <label>
            单位
            <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">请选择</option>
              {(units.data?.units.items ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <ErrorNotice error={units.error} />
      {'missing' in wanted ? <p className="muted">{wanted.missing}。</p> : null}
      <ErrorNotice error={ranking.error} />
      {ranking.loading && !ranking.data ? <Loading /> : null}
      {'variables' in wanted && ranking.data ? (
        ranking.data.rankings.items.length === 0 ? (
          <p className="muted">该周期还没有积分。</p>
        ) : (
          <>
            <table aria-labelledby="rankings-heading">
              <thead>
                <tr>
                  <th scope="col">名次</th>
                  <th scope="col">管家编号</th>
                  <th scope="col">积分</th>
                </tr>
              </thead>
              <tbody>
                {ranking.data.rankings.items.map((r) => (
                  <tr key={r.stewardId} data-testid="ranking-row">
                    <td>{r.rank}</td>
                    <td>
                      <Link to={`/stewards/${encodeURIComponent(r.stewardId)}`}>{r.number}</Link>
                    </td>
                    <td>{r.points}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <CursorPager label="排行榜分页" pages={pages} pageInfo={ranking.data.rankings.pageInfo} showPage />
          </>
        )
      ) : null}
    </section>
  );
}
