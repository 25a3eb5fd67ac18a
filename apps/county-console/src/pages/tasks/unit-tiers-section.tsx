/** 单位星级: the units of a region in a quarter by their county's score lines, and those under the pass line. */
import { useState } from 'react';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { useQuery } from '../../shell/use-query.js';
import { CursorPager, useCursorPages } from '../../shell/cursor-pager.js';
import { TIER_NAMES } from './labels.js';
import { lastEndedQuarter, recentQuarters } from './periods.js';
import { RegionField } from './region-field.js';
import { COMMUNITY_DEPTH } from './rankings.js';
import { TasksUnitTiersDocument } from './tasks.generated.js';

/** Quarters offered: the current one and the two years before it. */
const QUARTERS_SHOWN = 9;

export function UnitTiersSection({ region, onRegion, regions }: { region: string; onRegion: (r: string) => void; regions: readonly string[] }) {
  const [quarter, setQuarter] = useState(() => lastEndedQuarter(new Date()));
  const pages = useCursorPages(`${quarter}|${region}`);
  // Units belong to communities and above: a grid worker's grid shows its community's units.
  const unitRegion = region.split('/').slice(0, COMMUNITY_DEPTH).join('/');
  const tiers = useQuery(TasksUnitTiersDocument, { quarter, region: unitRegion, after: pages.after }, { skip: !region });
  const t = tiers.data?.unitTiers;
  return (
    <section aria-labelledby="tiers-heading">
      <h3 id="tiers-heading">单位星级评定</h3>
      <div className="toolbar">
        <label>
          季度
          <select value={quarter} onChange={(e) => setQuarter(e.target.value)}>
            {recentQuarters(new Date(), QUARTERS_SHOWN).map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </label>
        <RegionField label="区域" value={region} onCommit={onRegion} regions={regions} />
      </div>
      <ErrorNotice error={tiers.error} />
      {tiers.loading && !t ? <Loading /> : null}
      {t ? (
        <>
          <div className="cards tier-counts">
            {(['excellent', 'good', 'pass', 'fail'] as const).map((k) => (
              <div key={k} className={`card tier-${k}`} data-testid={`tier-count-${k}`}>
                <div className="muted">{TIER_NAMES[k]}</div>
                <div className="figure">{t.counts[k]}</div>
                {t.lines && k !== 'fail' ? <div className="muted">分数线 ≥ {t.lines[k]}</div> : null}
                {k === 'fail' && t.lines ? <div className="muted">低于 {t.lines.pass}</div> : null}
              </div>
            ))}
          </div>
          {!t.lines ? <p className="muted">此区域在县区之上：各单位按所在县区的分数线评定。</p> : null}
          <p className="muted">得分 = 单位红色管家本季度积分 ÷ 管家人数（保留两位小数）。</p>
          {t.underPass.length > 0 ? (
            <div className="under-pass">
              <h4>未达合格线的单位（其管家不能参评年度荣誉）</h4>
              <ul>
                {t.underPass.map((u) => (
                  <li key={u.unitId}>
                    {u.name}（{u.score.toFixed(2)} 分）
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {t.units.items.length === 0 ? (
            <p className="muted">该季度此区域没有单位。</p>
          ) : (
            <>
              <table aria-labelledby="tiers-heading">
                <thead>
                  <tr>
                    <th scope="col">名次</th>
                    <th scope="col">单位</th>
                    <th scope="col">区域</th>
                    <th scope="col">管家人数</th>
                    <th scope="col">积分</th>
                    <th scope="col">得分</th>
                    <th scope="col">星级</th>
                  </tr>
                </thead>
                <tbody>
                  {t.units.items.map((u) => (
                    <tr key={u.unitId} data-testid="unit-tier-row">
                      <td>{u.rank}</td>
                      <td>{u.name}</td>
                      <td className="path">{u.region}</td>
                      <td>{u.members}</td>
                      <td>{u.points}</td>
                      <td>{u.score.toFixed(2)}</td>
                      <td>
                        <span className={`badge tier-${u.tier}`}>{TIER_NAMES[u.tier]}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <CursorPager label="单位分页" pages={pages} pageInfo={t.units.pageInfo} showPage />
            </>
          )}
        </>
      ) : null}
    </section>
  );
}
