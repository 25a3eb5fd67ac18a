/**
 * One petition (诉求详情): its details with the contact masked (an audited unmask for those who may),
 * its timeline, its whistles, and the actions the user's roles and its state allow
 * (petition-actions.ts). Live: `petitionUpdated(id)` replaces the view whenever it changes elsewhere.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { useClient, useMe } from '../../shell/session-context.js';
import { Link } from '../../shell/router.js';
import { useQuery } from '../../shell/use-query.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { ActionForm, type ActionInput } from './action-form.js';
import { assignableLevels, availableActions, communityOf, mayReadContact, type ActionKind, type PetitionAction } from './petition-actions.js';
import { formatDateTime } from '../../shell/format.js';
import { channelLabel, levelLabel, stateLabel, timelineActionLabel } from './petition-labels.js';
import {
  PetitionPageAcceptDocument,
  PetitionPageAcknowledgeDocument,
  PetitionPageAssignDocument,
  PetitionPageContactDocument,
  PetitionPageDocument,
  PetitionPageLiveDocument,
  PetitionPageReopenDocument,
  PetitionPageResolveDocument,
  PetitionPageScreenDocument,
  PetitionPageSpawnDocument,
  PetitionPageStartDocument,
  PetitionPageTimelineDocument,
  PetitionPageWhistleDocument,
  PetitionPageWhistlesDocument,
  type PetitionPageFieldsFragment,
  type PetitionPageWhistleFieldsFragment,
} from './petition.generated.js';
import './petition-page.css';

type Petition = PetitionPageFieldsFragment;
const PRIORITY_LABELS: Record<number, string> = { 1: '低', 2: '一般', 3: '紧急' };

const asApiError = (err: unknown): ApiError => (err instanceof ApiError ? err : new ApiError('INTERNAL', String(err)));

export default function PetitionPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const me = useMe();
  const client = useClient();
  const grants = me?.grants ?? [];
  const loaded = useQuery(PetitionPageDocument, { id });
  const timeline = useQuery(PetitionPageTimelineDocument, { id });
  // The view shown: the query's answer, then whatever an action or a live push brings, newest wins.
  const [petition, setPetition] = useState<Petition | undefined>();
  const shown = useRef<Petition | undefined>(undefined);
  shown.current = petition;
  useEffect(() => {
    if (loaded.data) setPetition(loaded.data.petition);
  }, [loaded.data]);
  const community = petition ? communityOf(petition.region) : null;
  // Whistles are blown by a community: a petition above community level has none.
  const whistles = useQuery(PetitionPageWhistlesDocument, { region: community }, { skip: !community });
  const { reload: reloadTimeline } = timeline;
  const { reload: reloadWhistles } = whistles;

  const [liveError, setLiveError] = useState<ApiError | undefined>();
  useEffect(() => {
    setLiveError(undefined);
    // The client resumes the subscription itself when the socket's token expires (api/client.ts):
    // an error reaching the page has ended the live view for good.
    return client.subscribe(
      PetitionPageLiveDocument,
      { id },
      (data) => {
        const next = data.petitionUpdated;
        const before = shown.current;
        setPetition(next);
        // The first push repeats the current view; only a real change has new timeline entries.
        if (!before || before.updatedAt !== next.updatedAt || before.state !== next.state) {
          reloadTimeline();
          reloadWhistles();
        }
      },
      setLiveError,
    );
  }, [client, id, reloadTimeline, reloadWhistles]);

  const [open, setOpen] = useState<ActionKind | null>(null);
  const [pending, setPending] = useState(false);
  const [actionError, setActionError] = useState<ApiError | undefined>();
  const [done, setDone] = useState('');

  if (loaded.error) {
    return (
      <section className="petition">
        <ErrorNotice error={loaded.error} />
        <p>
          <Link to="/queue">返回诉求工单</Link>
        </p>
      </section>
    );
  }
  if (!petition) return <Loading />;

  const petitionWhistles = (whistles.data?.whistles ?? []).filter((w) => w.petitionId === petition.id);
  const actions = availableActions(grants, petition, petitionWhistles);

  /** Runs one mutation; a petition it answers becomes the view, and the timeline is read again. */
  const perform = async (label: string, mutate: () => Promise<Petition | null>) => {
    setPending(true);
    setActionError(undefined);
    setDone('');
    try {
      const updated = await mutate();
      if (updated) setPetition(updated);
      else loaded.reload();
      setOpen(null);
      setDone(`已${label}`);
      reloadTimeline();
      reloadWhistles();
    } catch (err) {
      setActionError(asApiError(err));
    } finally {
      setPending(false);
    }
  };

  const click = (a: PetitionAction) => {
    setActionError(undefined);
    setDone('');
    if (a.needsInput) return setOpen(a.kind);
    switch (a.kind) {
      case 'accept':
        return void perform(a.label, async () => (await client.request(PetitionPageAcceptDocument, { input: { id: petition.id } })).acceptPetition);
      case 'start':
        return void perform(a.label, async () => (await client.request(PetitionPageStartDocument, { input: { id: petition.id } })).startPetition);
      case 'acknowledge':
        return void perform(a.label, async () => {
          await client.request(PetitionPageAcknowledgeDocument, { input: { id: a.whistleId! } });
          return null;
        });
      default:
        return setOpen(a.kind);
    }
  };

  const submit = (kind: ActionKind, input: ActionInput) => {
    const label = actions.find((a) => a.kind === kind)?.label ?? '';
    const pid = petition.id;
    void perform(label, async () => {
      switch (input.kind) {
        case 'screen':
          return (await client.request(PetitionPageScreenDocument, { input: { id: pid, outcome: input.outcome, priority: input.outcome === 'valid' ? input.priority : null, duplicateOf: input.duplicateOf, note: input.note } })).screenPetition;
        case 'assign':
          return (await client.request(PetitionPageAssignDocument, { input: { id: pid, level: input.level, departmentId: input.departmentId, note: input.note } })).assignPetition;
        case 'resolve':
          return (await client.request(PetitionPageResolveDocument, { input: { id: pid, result: input.result } })).resolvePetition;
        case 'reopen':
          return (await client.request(PetitionPageReopenDocument, { input: { id: pid, reason: input.reason } })).reopenPetition;
        case 'spawn':
          return (await client.request(PetitionPageSpawnDocument, { input: { id: pid, kind: input.spawnKind, note: input.note } })).spawnFromPetition;
        case 'whistle':
          await client.request(PetitionPageWhistleDocument, { input: { petitionId: pid, departmentId: input.departmentId, reason: input.reason, urgency: input.urgency } });
          return null;
      }
    });
  };

  return (
    <section className="petition" aria-labelledby="petition-title">
      <p className="back">
        <Link to="/queue">← 诉求工单</Link>
      </p>
      <header className="petition-head">
        <h2 id="petition-title">{petition.title}</h2>
        <span className="code" data-testid="tracking-code">
          {petition.trackingCode}
        </span>
        <span className="badge state" data-testid="petition-state">
          {stateLabel(petition.state)}
        </span>
        {petition.overdue ? <span className="badge overdue">超期</span> : null}
        {petition.supervised ? <span className="badge">督办</span> : null}
      </header>
      {liveError ? (
        <p className="muted" role="status">
          实时更新已停止（{liveError.code === 'NOT_FOUND' || liveError.code === 'FORBIDDEN' ? '您已不能查看此诉求' : '连接中断'}），刷新页面可重新连接。
        </p>
      ) : null}

      <div className="petition-body">
        <div className="petition-main">
          <Details petition={petition} />
          {mayReadContact(grants, petition) ? <ContactReveal petitionId={petition.id} /> : null}
          <section aria-labelledby="actions-title" className="actions">
            <h3 id="actions-title">办理</h3>
            {actions.length ? (
              <div className="action-buttons">
                {actions.map((a) => (
                  <button
                    key={a.kind + (a.whistleId ?? '')}
                    type="button"
                    className={a.kind === open ? 'primary' : undefined}
                    aria-expanded={a.needsInput ? a.kind === open : undefined}
                    title={a.hint}
                    disabled={pending}
                    onClick={() => click(a)}
                  >
                    {a.label}
                  </button>
                ))}
              </div>
            ) : (
              <p className="muted">当前状态下您没有可执行的操作。</p>
            )}
            {open ? <ActionForm key={open} kind={open} petitionId={petition.id} levels={assignableLevels(grants, petition)} pending={pending} onSubmit={(input) => submit(open, input)} onCancel={() => setOpen(null)} /> : null}
            <ErrorNotice error={actionError} />
            <p role="status" className="ok">
              {done}
            </p>
          </section>
          {petitionWhistles.length ? <Whistles whistles={petitionWhistles} /> : null}
        </div>
        <section className="petition-timeline" aria-labelledby="timeline-title">
          <h3 id="timeline-title">办理过程</h3>
          <ErrorNotice error={timeline.error} />
          {timeline.data ? (
            <ol data-testid="timeline">
              {timeline.data.petitionTimeline.map((t) => (
                <li key={t.seq}>
                  <time dateTime={t.at}>{formatDateTime(t.at)}</time>
                  <strong>{timelineActionLabel(t.action)}</strong>
                  <span className="muted">
                    {t.actorLabel === 'system' ? '系统' : t.actorLabel === 'resident' ? '居民' : t.actorLabel}
                    {t.level ? ` · ${levelLabel(t.level)}` : ''}
                  </span>
                  {t.fromState && t.fromState !== t.toState ? (
                    <span className="transition">
                      {stateLabel(t.fromState)} → {stateLabel(t.toState)}
                    </span>
                  ) : null}
                  {t.note ? <p className="note">{t.note}</p> : null}
                </li>
              ))}
            </ol>
          ) : (
            <Loading />
          )}
        </section>
      </div>
    </section>
  );
}

function Details({ petition: p }: { petition: Petition }) {
  const assignee = p.assignee ? `${levelLabel(p.assignee.level)} · ${p.assignee.departmentName ?? p.assignee.region}` : '尚未交办';
  return (
    <dl className="details">
      <dt>分类</dt>
      <dd>{p.categoryNameZh}</dd>
      <dt>渠道</dt>
      <dd>{channelLabel(p.channel)}</dd>
      <dt>所属网格</dt>
      <dd>{p.region}</dd>
      {p.buildingName ? (
        <>
          <dt>楼栋</dt>
          <dd>{p.buildingName}</dd>
        </>
      ) : null}
      <dt>当前承办</dt>
      <dd>{assignee}</dd>
      <dt>提交时间</dt>
      <dd>{formatDateTime(p.createdAt)}</dd>
      <dt>办结期限</dt>
      <dd>
        {formatDateTime(p.deadline)}
        {p.levelDeadline ? <span className="muted">（本级 {formatDateTime(p.levelDeadline)}）</span> : null}
      </dd>
      <dt>优先级</dt>
      <dd>{PRIORITY_LABELS[p.priority] ?? p.priority}</dd>
      <dt>联系人</dt>
      <dd>{p.anonymous || !p.contactMasked ? '匿名' : p.contactMasked}</dd>
      <dt>诉求内容</dt>
      <dd className="text">{p.description}</dd>
      {p.attachments.length ? (
        <>
          <dt>照片</dt>
          <dd>{p.attachments.length} 张</dd>
        </>
      ) : null}
      {p.clusterSize > 1 ? (
        <>
          <dt>重复诉求</dt>
          <dd>同类共 {p.clusterSize} 件</dd>
        </>
      ) : null}
      {p.escalations || p.reopenCount ? (
        <>
          <dt>上提 / 重办</dt>
          <dd>
            {p.escalations} 次 / {p.reopenCount} 次
          </dd>
        </>
      ) : null}
      {p.result ? (
        <>
          <dt>办理结果</dt>
          <dd className="text">
            {p.result}
            {p.resolvedAt ? <span className="muted">（{formatDateTime(p.resolvedAt)} 办结）</span> : null}
          </dd>
        </>
      ) : null}
      {p.rating !== null ? (
        <>
          <dt>群众评价</dt>
          <dd>
            {p.rating} 星{p.ratingComment ? `：${p.ratingComment}` : ''}
          </dd>
        </>
      ) : null}
      {p.taskId || p.mediationCaseId ? (
        <>
          <dt>关联</dt>
          <dd>
            {p.taskId ? <Link to={`/tasks/${encodeURIComponent(p.taskId)}`}>志愿任务</Link> : null} {p.mediationCaseId ? <Link to={`/mediation/cases/${encodeURIComponent(p.mediationCaseId)}`}>调解案件</Link> : null}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The submitter's full contact, only on request and with a reason: the gateway audits every unmask. */
function ContactReveal({ petitionId }: { petitionId: string }) {
  const client = useClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState<{ name: string; phone: string } | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [pending, setPending] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const { petitionContact } = await client.request(PetitionPageContactDocument, { id: petitionId, reason: reason.trim() || null });
      setContact(petitionContact);
      setAsking(false);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setPending(false);
    }
  };
  if (contact) {
    return (
      <p className="contact" data-testid="contact-full">
        联系人：{contact.name} {contact.phone} <span className="muted">（本次查看已记入审计日志）</span>
      </p>
    );
  }
  return (
    <div className="contact">
      {asking ? (
        <form onSubmit={(e) => void submit(e)} className="contact-form">
          <label>
            查看理由（记入审计）
            <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" disabled={pending}>
            查看
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            取消
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          查看完整联系方式（留痕审计）
        </button>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}

function Whistles({ whistles }: { whistles: readonly PetitionPageWhistleFieldsFragment[] }) {
  return (
    <section aria-labelledby="whistles-title" className="whistles">
      <h3 id="whistles-title">吹哨报到</h3>
      <ul>
        {whistles.map((w) => (
          <li key={w.id}>
            <strong>{w.departmentName}</strong>
            {w.urgency === 'urgent' ? <span className="badge overdue">紧急</span> : null} {formatDateTime(w.blownAt)} 吹哨：{w.reason}
            <br />
            {w.acknowledgedAt ? `已于 ${formatDateTime(w.acknowledgedAt)} 报到` : `应于 ${formatDateTime(w.ackDeadline)} 前报到`}
            {w.late ? <span className="badge overdue">{w.acknowledgedAt ? '逾期报到' : '逾期未报到'}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
