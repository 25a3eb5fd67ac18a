/**
 * 任务与积分 (/tasks): the region's tasks and the publish form, the points rankings, and the units'
 * quarterly tiers — three tabs sharing one region (the user's widest by default). The tab is kept in
 * the address (?tab=) so a reload or a shared link opens the same one.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { homeRegion, workRegions } from '../../auth/roles.js';
import { useRouter } from '../../shell/router.js';
import { useMe } from '../../shell/session-context.js';
import { PublishTaskForm } from './publish-task-form.js';
import { RankingsSection } from './rankings-section.js';
import { publishRegions } from './task-actions.js';
import { TaskList } from './task-list.js';
import { UnitTiersSection } from './unit-tiers-section.js';
import './tasks.css';

type Tab = 'tasks' | 'rankings' | 'tiers';
const TABS: readonly Tab[] = ['tasks', 'rankings', 'tiers'];
const TAB_NAMES: Record<Tab, string> = { tasks: '任务', rankings: '排行榜', tiers: '单位星级' };

export default function TasksPage(_props: { params: Record<string, string> }) {
  const me = useMe()!;
  const { location, navigate } = useRouter();
  const asked = location.query.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'tasks';
  const regions = workRegions(me.grants);
  const [region, setRegion] = useState(() => homeRegion(me.grants) ?? '');
  const [publishing, setPublishing] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ tasks: null, rankings: null, tiers: null });
  const mayPublish = publishRegions(me.grants);
  const open = (t: Tab) => navigate(t === 'tasks' ? '/tasks' : `/tasks?tab=${t}`, true);
  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab moves on into the panel.
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length];
    open(next);
    tabRefs.current[next]?.focus();
  };
  return (
    <div className="tasks-page">
      <h2>任务与积分</h2>
      <div role="tablist" aria-label="任务与积分" className="tabs" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t}
            ref={(el) => {
              tabRefs.current[t] = el;
            }}
            type="button"
            role="tab"
            id={`tasks-tab-${t}`}
            aria-selected={tab === t}
            aria-controls={`tasks-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => open(t)}
          >
            {TAB_NAMES[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tasks-panel-${tab}`} aria-labelledby={`tasks-tab-${tab}`} className="tab-panel">
        {tab === 'tasks' ? (
          <>
            {mayPublish.length > 0 ? (
              <div className="publish-toggle">
                <button type="button" className={publishing ? undefined : 'primary'} aria-expanded={publishing} onClick={() => setPublishing((p) => !p)}>
                  {publishing ? '收起发布表单' : '发布任务'}
                </button>
              </div>
            ) : null}
            {publishing ? <PublishTaskForm grants={me.grants} regions={mayPublish} defaultRegion={mayPublish.includes(region) ? region : (mayPublish[0] ?? '')} onPublished={() => setReloadKey((k) => k + 1)} /> : null}
            <TaskList region={region} onRegion={setRegion} regions={regions} reloadKey={reloadKey} />
          </>
        ) : null}
        {tab === 'rankings' ? <RankingsSection region={region} onRegion={setRegion} regions={regions} /> : null}
        {tab === 'tiers' ? <UnitTiersSection region={region} onRegion={setRegion} regions={regions} /> : null}
      </div>
    </div>
  );
}
