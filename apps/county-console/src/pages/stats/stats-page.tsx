/**
 * 统计分析: the petitions and mediation statistics of a region (one of the user's work regions or a child
 * street/community of one) over a period, both kept in the URL. Every figure comes from the gateway's
 * petitionStats / mediationStats as they define it (docs/petition-stats.md); the page only shapes and
 * draws them.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { workRegions } from '../../auth/roles.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { useRouter } from '../../shell/router.js';
import { useMe } from '../../shell/session-context.js';
import { useQuery } from '../../shell/use-query.js';
import { BarChart, ColumnChart, DonutChart, LineChart } from './charts.js';
import { ChartFigure } from './chart-figure.js';
import { csvFileName } from './csv.js';
import { formatCount, formatDays, formatRate } from './format.js';
import { FORMULAS, formulaText } from './formulas.js';
import { isDay, mediationDays, monthBuckets, periodError, periodInstants, readView, viewHref, type StatsView } from './period.js';
import { counts, departments, mediationOutcomes, monthlyRates, regionRates, summary, type ChildRegion } from './shape.js';
import { StatsMediationDocument, StatsPetitionDocument, StatsRatesDocument, StatsRegionChildrenDocument, StatsRegionDocument } from './stats.generated.js';
import { useAsync } from './use-async.js';
import type { GraphQLClient } from '../../api/client.js';
import './stats.css';

/** What a child region is called, by the level of the region tree it sits on. */
const LEVEL_NAMES: Record<string, string> = { city: '市', county: '县区', street: '街道', community: '社区', grid: '网格' };

interface RegionNode {
  path: string;
  name: string;
  level: string;
}

/** A region and its (not archived) children, by path. */
async function regionWithChildren(client: GraphQLClient, path: string): Promise<{ region: RegionNode; children: RegionNode[] }> {
  const { regionByPath: region } = await client.request(StatsRegionDocument, { region: path });
  const { regionChildren } = await client.request(StatsRegionChildrenDocument, { id: region.id });
  return { region, children: regionChildren.items.filter((c) => !c.archived) };
}

export default function Page(_props: { params: Record<string, string> }) {
  const me = useMe();
  const { location, navigate } = useRouter();
  const roots = useMemo(() => (me ? workRegions(me.grants) : []), [me]);
  const view = readView(location.query, roots, new Date());
  const href = view ? viewHref(view) : null;
  useEffect(() => {
    // Make the URL say what is shown (defaults filled in), so it can be bookmarked or shared as it is.
    if (href && `${location.path}?${location.query.toString()}` !== href) navigate(href, true);
  }, [href, location, navigate]);
  if (!view) return <p role="alert">您没有可以统计的区域。</p>;
  return <Dashboard view={view} roots={roots} onChange={(v) => navigate(viewHref(v), true)} />;
}

function Dashboard({ view, roots, onChange }: { view: StatsView; roots: readonly string[]; onChange: (v: StatsView) => void }) {
  const problem = periodError(view);
  return (
    <div className="stats-page">
      <h2>统计分析</h2>
      <Controls view={view} roots={roots} onChange={onChange} />
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : (
        <Figures view={view} />
      )}
    </div>
  );
}

function Controls({ view, roots, onChange }: { view: StatsView; roots: readonly string[]; onChange: (v: StatsView) => void }) {
  const id = useId();
  const tree = useAsync(
    (client) => Promise.all(roots.map((path) => regionWithChildren(client, path).catch(() => ({ region: { path, name: path, level: '' }, children: [] as RegionNode[] })))),
    roots.join('|'),
  );
  // A date input is empty while half typed: the URL follows only complete days.
  const [from, setFrom] = useState(view.from);
  const [to, setTo] = useState(view.to);
  useEffect(() => setFrom(view.from), [view.from]);
  useEffect(() => setTo(view.to), [view.to]);
  const known = tree.data?.some((t) => t.region.path === view.region || t.children.some((c) => c.path === view.region));
  return (
    <form className="toolbar stats-controls" aria-label="统计条件" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-region`}>区域</label>
        <select id={`${id}-region`} value={view.region} onChange={(e) => onChange({ ...view, region: e.target.value })}>
          {!known ? <option value={view.region}>{view.region}</option> : null}
          {tree.data?.map(({ region, children }) => (
            <optgroup key={region.path} label={region.name}>
              <option value={region.path}>{region.name}（全部）</option>
              {children.map((c) => (
                <option key={c.path} value={c.path}>
                  {c.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>开始</label>
        <input
          id={`${id}-from`}
          type="date"
          value={from}
          max={to}
          onChange={(e) => {
            setFrom(e.target.value);
            if (isDay(e.target.value)) onChange({ ...view, from: e.target.value });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>结束</label>
        <input
          id={`${id}-to`}
          type="date"
          value={to}
          min={from}
          onChange={(e) => {
            setTo(e.target.value);
            if (isDay(e.target.value)) onChange({ ...view, to: e.target.value });
          }}
        />
      </div>
      <p className="muted period-note">
        统计区间：{view.from} 至 {view.to}（北京时间，含首尾两日）
      </p>
      <ErrorNotice error={tree.error} />
    </form>
  );
}

function Figures({ view }: { view: StatsView }) {
  const instants = periodInstants(view);
  const file = (title: string) => csvFileName(title, view.region, view.from, view.to);
  const stats = useQuery(StatsPetitionDocument, { region: view.region, ...instants });
  const buckets = monthBuckets(view);
  const monthly = useAsync((client) => Promise.all(buckets.map((b) => client.request(StatsRatesDocument, { region: view.region, from: b.from, to: b.to }).then((r) => r.petitionStats))), JSON.stringify(['monthly', view]));
  const byRegion = useAsync(async (client) => {
    const { region, children } = await regionWithChildren(client, view.region);
    const results = await Promise.all(children.map((c) => client.request(StatsRatesDocument, { region: c.path, ...instants }).then((r) => r.petitionStats)));
    return { level: children[0]?.level ?? '', region, children: children as ChildRegion[], results };
  }, JSON.stringify(['regions', view]));
  const mediation = useQuery(StatsMediationDocument, { region: view.region, ...mediationDays(view) });

  const s = stats.data?.petitionStats;
  const channel = s ? counts(s.byChannel, '受理渠道') : undefined;
  const category = s ? counts(s.byCategory, '诉求大类') : undefined;
  const ranking = s ? departments(s.departments) : undefined;
  const months = monthly.data ? monthlyRates(buckets, monthly.data) : undefined;
  const regions = byRegion.data ? regionRates(byRegion.data.children, byRegion.data.results) : undefined;
  const childName = byRegion.data ? (LEVEL_NAMES[byRegion.data.level] ?? '下级区域') : '下级区域';
  const outcomes = mediation.data ? mediationOutcomes(mediation.data.mediationStats) : undefined;
  const titles = {
    summary: '核心指标',
    channel: '受理渠道分布',
    category: '诉求分类受理量',
    monthly: '月度响应率、解决率、满意率',
    regions: `各${childName}响应率、解决率、满意率`,
    ranking: '部门排名（按期办结率）',
    mediation: '矛盾调解结果（按受理月份）',
  };

  return (
    <div className="stats-grid">
      <ChartFigure
        className="wide"
        title={titles.summary}
        formula={formulaText(FORMULAS.onTime, FORMULAS.averageDays, FORMULAS.intake, FORMULAS.closed, FORMULAS.overdue, FORMULAS.response, FORMULAS.resolution, FORMULAS.satisfaction)}
        table={s ? summary(s) : undefined}
        fileName={file(titles.summary)}
        loading={stats.loading}
        error={stats.error}
      >
        {s ? (
          <dl className="kpis">
            <div className="kpi kpi-main" title={FORMULAS.onTime}>
              <dt>按期办结率</dt>
              <dd data-testid="on-time-rate" data-region={s.region} data-from={instants.from} data-to={instants.to}>
                {formatRate(s.onTimeClosureRate)}
              </dd>
              <dd className="muted">期间办结 {formatCount(s.closed)} 件</dd>
            </div>
            <div className="kpi" title={FORMULAS.averageDays}>
              <dt>平均办理时长</dt>
              <dd data-testid="average-handling-days">{formatDays(s.averageHandlingDays)}</dd>
            </div>
            <Kpi label="受理量" value={formatCount(s.intake)} formula={FORMULAS.intake} />
            <Kpi label="办结量" value={formatCount(s.closed)} formula={FORMULAS.closed} />
            <Kpi label="超期未办结" value={formatCount(s.overdueOpen)} formula={FORMULAS.overdue} />
            <Kpi label="响应率" value={formatRate(s.responseRate)} formula={FORMULAS.response} />
            <Kpi label="解决率" value={formatRate(s.resolutionRate)} formula={FORMULAS.resolution} />
            <Kpi label="满意率" value={formatRate(s.satisfactionRate)} formula={FORMULAS.satisfaction} />
          </dl>
        ) : null}
      </ChartFigure>

      <ChartFigure title={titles.channel} formula={formulaText(FORMULAS.byChannel)} table={channel?.table} fileName={file(titles.channel)} loading={stats.loading} error={stats.error}>
        {channel ? <DonutChart items={channel.data} totalLabel="受理总量" /> : null}
      </ChartFigure>

      <ChartFigure title={titles.category} formula={formulaText(FORMULAS.byCategory)} table={category?.table} fileName={file(titles.category)} loading={stats.loading} error={stats.error}>
        {category ? <BarChart items={category.data} kind="count" /> : null}
      </ChartFigure>

      <ChartFigure
        title={titles.monthly}
        formula={formulaText(FORMULAS.response, FORMULAS.resolution, FORMULAS.satisfaction, '每月单独统计（首尾月份按统计区间截取）。')}
        table={months?.table}
        fileName={file(titles.monthly)}
        loading={monthly.loading}
        error={monthly.error}
      >
        {months ? <LineChart data={months.data} kind="rate" /> : null}
      </ChartFigure>

      <ChartFigure
        title={titles.regions}
        formula={formulaText(FORMULAS.response, FORMULAS.resolution, FORMULAS.satisfaction, `每个${childName}及其下属区域单独统计。`)}
        table={regions?.table}
        fileName={file(titles.regions)}
        loading={byRegion.loading}
        error={byRegion.error}
      >
        {regions ? regions.data.categories.length ? <ColumnChart data={regions.data} kind="rate" /> : <p className="muted chart-empty">该区域没有下级区域</p> : null}
      </ChartFigure>

      <ChartFigure title={titles.ranking} formula={formulaText(FORMULAS.departments)} table={ranking?.table} fileName={file(titles.ranking)} loading={stats.loading} error={stats.error}>
        {ranking ? <BarChart items={ranking.data} kind="rate" /> : null}
      </ChartFigure>

      <ChartFigure title={titles.mediation} formula={formulaText(FORMULAS.mediation)} table={outcomes?.table} fileName={file(titles.mediation)} loading={mediation.loading} error={mediation.error}>
        {outcomes && mediation.data ? (
          <>
            <p className="chart-note">
              受理 {formatCount(mediation.data.mediationStats.totals.taken)} 件，调解成功率 {formatRate(mediation.data.mediationStats.totals.successRate)}
            </p>
            <ColumnChart data={outcomes.data} kind="count" stacked />
          </>
        ) : null}
      </ChartFigure>
      {stats.loading && !s ? <Loading /> : null}
    </div>
  );
}

function Kpi({ label, value, formula }: { label: string; value: string; formula: string }) {
  return (
    <div className="kpi" title={formula}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
