/**
 * One task (/tasks/:id): its details, its claims with their check-ins (a table and a plot around the
 * task's point), and the verify / rate / cancel actions the user's roles allow. Live: `taskUpdated`
 * pushes the task after each of its events, and the claims are read again then.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { Link } from '../../shell/router.js';
import { useClient, useMe } from '../../shell/session-context.js';
import { useMutation, useQuery } from '../../shell/use-query.js';
import { CheckinPlot } from './checkin-plot.js';
import { ClaimsTable } from './claims-table.js';
import { formatDateTime } from '../../shell/format.js';
import { EMERGENCY_NAMES, TASK_KIND_NAMES, TASK_STATUS_NAMES } from './labels.js';
import { CANCEL_REASON_MAX, reasonError, seesAllClaims, TASK_ACTION_NAMES, taskActions, type Viewer } from './task-actions.js';
import { TaskCancelDocument, TaskClaimsDocument, TaskDetailDocument, TaskUpdatedDocument, type TaskClaimFieldsFragment, type TaskDetailFieldsFragment } from './task.generated.js';
import './tasks.css';

type LiveState = 'connecting' | 'live' | 'lost';

export default function TaskPage({ params }: { params: Record<string, string> }) {
  const id = params.id;
  const me = useMe()!;
  const client = useClient();
  const detail = useQuery(TaskDetailDocument, { id });
  const [task, setTask] = useState<TaskDetailFieldsFragment | null>(null);
  const [claims, setClaims] = useState<TaskClaimFieldsFragment[]>([]);
  const [live, setLive] = useState<LiveState>('connecting');
  const [liveError, setLiveError] = useState<ApiError | undefined>();
  const lastTask = useRef('');

  useEffect(() => {
    if (!detail.data) return;
    setTask(detail.data.task);
    setClaims(detail.data.taskClaims);
    lastTask.current = JSON.stringify(detail.data.task);
  }, [detail.data]);

  const refreshClaims = useCallback(() => {
    client
      .request(TaskClaimsDocument, { id })
      .then((r) => setClaims(r.taskClaims))
      .catch((err: unknown) => setLiveError(err instanceof ApiError ? err : new ApiError('INTERNAL', String(err))));
  }, [client, id]);

  useEffect(() => {
    let active = true;
    const stop = client.subscribe(
      TaskUpdatedDocument,
      { id },
      (d) => {
        if (!active) return;
        setLive('live');
        setLiveError(undefined);
        const json = JSON.stringify(d.taskUpdated);
        // The first push repeats the task as it is; only a change means the claims moved too.
        if (json === lastTask.current) return;
        lastTask.current = json;
        setTask(d.taskUpdated);
        refreshClaims();
      },
      (err) => {
        if (!active) return;
        setLive('lost');
        setLiveError(err);
      },
    );
    return () => {
      active = false;
      stop();
    };
  }, [client, id, refreshClaims]);

  if (detail.error && !task) return <ErrorNotice error={detail.error} />;
  if (!task) return <Loading />;
  const viewer: Viewer = { accountId: me.accountId, personId: me.personId, grants: me.grants };
  const checkins = claims
    .filter((c) => c.checkinDistanceM !== null)
    .map((c, i) => ({ id: c.id, label: `第 ${i + 1} 次签到（${formatDateTime(c.checkedInAt)}）`, distanceM: c.checkinDistanceM! }));
  const onClaimChanged = (changed: TaskClaimFieldsFragment) => setClaims((cs) => cs.map((c) => (c.id === changed.id ? changed : c)));
  return (
    <article className="task-page">
      <p>
        <Link to="/tasks">← 返回任务列表</Link>
      </p>
      <h2>{task.title}</h2>
      <p className="task-meta">
        <span className={`badge task-${task.status}`} data-testid="task-status">
          {TASK_STATUS_NAMES[task.status]}
        </span>{' '}
        <span className="badge">{TASK_KIND_NAMES[task.kind]}</span>
        {task.emergencyType ? <span className="badge"> {EMERGENCY_NAMES[task.emergencyType]}</span> : null}{' '}
        <span className={`live live-${live}`} aria-live="polite">
          {live === 'live' ? '实时更新中' : live === 'lost' ? '实时更新已中断' : '正在连接实时更新…'}
        </span>
      </p>
      {liveError && liveError.code !== 'NETWORK' ? <ErrorNotice error={liveError} /> : null}
      <dl className="task-facts">
        <dt>积分</dt>
        <dd>{task.points}</dd>
        <dt>认领</dt>
        <dd>
          {task.claimed}/{task.capacity}
        </dd>
        <dt>截止</dt>
        <dd>{formatDateTime(task.deadline)}</dd>
        <dt>发布</dt>
        <dd>{formatDateTime(task.createdAt)}</dd>
        <dt>区域</dt>
        <dd className="path">{task.region}</dd>
        <dt>地点</dt>
        <dd>
          {task.location.lat.toFixed(6)}, {task.location.lng.toFixed(6)}
        </dd>
        <dt>签到半径</dt>
        <dd>{task.checkinRadiusM} 米</dd>
        <dt>可认领号段</dt>
        <dd>{task.requiredClasses.length ? task.requiredClasses.map((c) => `${c} 号段`).join('、') : '不限'}</dd>
        {task.sourcePetitionId ? (
          <>
            <dt>来源诉求</dt>
            <dd>
              <Link to={`/petitions/${encodeURIComponent(task.sourcePetitionId)}`}>查看诉求</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {task.description ? <p className="description">{task.description}</p> : null}
      <TaskActions viewer={viewer} task={task} onChanged={setTask} />
      <section aria-labelledby="claims-heading" className="claims-section">
        <h3 id="claims-heading">认领与签到</h3>
        {!seesAllClaims(viewer, task) ? <p className="muted">只显示您自己的认领（其他认领仅发布人和核验人可见）。</p> : null}
        <div className="claims-layout">
          <CheckinPlot radiusM={task.checkinRadiusM} checkins={checkins} />
          <ClaimsTable viewer={viewer} task={task} radiusM={task.checkinRadiusM} claims={claims} onChanged={onClaimChanged} />
        </div>
      </section>
    </article>
  );
}

function TaskActions({ viewer, task, onChanged }: { viewer: Viewer; task: TaskDetailFieldsFragment; onChanged: (t: TaskDetailFieldsFragment) => void }) {
  const actions = taskActions(viewer, task);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const cancel = useMutation(TaskCancelDocument);
  if (!actions.includes('cancel')) return null;
  const submit = () => {
    const m = reasonError(reason, CANCEL_REASON_MAX);
    setMsg(m);
    if (m) return;
    cancel.run({ id: task.id, reason: reason.trim() }).then(
      (r) => {
        setOpen(false);
        onChanged(r.cancelTask);
      },
      () => undefined,
    );
  };
  return (
    <div className="task-actions">
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {TASK_ACTION_NAMES.cancel}
      </button>
      {open ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <label htmlFor="cancel-reason">取消理由（未完成的认领将被撤回）</label>
          <textarea
            id="cancel-reason"
            rows={2}
            value={reason}
            aria-invalid={msg ? true : undefined}
            aria-describedby={msg ? 'cancel-reason-error' : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setMsg(null);
            }}
          />
          {msg ? (
            <span id="cancel-reason-error" className="field-error">
              {msg}
            </span>
          ) : null}
          <button type="submit" disabled={cancel.pending}>
            确定
          </button>
        </form>
      ) : null}
      <ErrorNotice error={cancel.error} />
    </div>
  );
}
