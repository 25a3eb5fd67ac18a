/** A task's claims with their check-ins and the verify / rate actions the user's roles allow. */
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { ErrorNotice } from '../../shell/messages.js';
import { Link } from '../../shell/router.js';
import { useMutation } from '../../shell/use-query.js';
import { formatDateTime } from '../../shell/format.js';
import { CLAIM_STATUS_NAMES } from './labels.js';
import { CLAIM_ACTION_NAMES, claimActions, reasonError, REJECT_REASON_MAX, type TaskLike, type Viewer } from './task-actions.js';
import { TaskRateDocument, TaskVerifyDocument, type TaskClaimFieldsFragment } from './task.generated.js';

const STARS = [5, 4, 3, 2, 1] as const;

export function ClaimsTable({ viewer, task, radiusM, claims, onChanged }: { viewer: Viewer; task: TaskLike; radiusM: number; claims: readonly TaskClaimFieldsFragment[]; onChanged: (claim: TaskClaimFieldsFragment) => void }) {
  if (claims.length === 0) return <p className="muted">还没有管家认领。</p>;
  return (
    <table aria-labelledby="claims-heading" className="claims">
      <thead>
        <tr>
          <th scope="col">管家</th>
          <th scope="col">状态</th>
          <th scope="col">认领</th>
          <th scope="col">签到</th>
          <th scope="col">距任务点</th>
          <th scope="col">提交</th>
          <th scope="col">结果</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        {claims.map((c) => (
          <ClaimRow key={c.id} viewer={viewer} task={task} radiusM={radiusM} claim={c} onChanged={onChanged} />
        ))}
      </tbody>
    </table>
  );
}

function ClaimRow({ viewer, task, radiusM, claim, onChanged }: { viewer: Viewer; task: TaskLike; radiusM: number; claim: TaskClaimFieldsFragment; onChanged: (claim: TaskClaimFieldsFragment) => void }) {
  const actions = claimActions(viewer, task, claim);
  const [form, setForm] = useState<'reject' | 'rate' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMsg, setReasonMsg] = useState<string | null>(null);
  const [stars, setStars] = useState(5);
  const verify = useMutation(TaskVerifyDocument);
  const rate = useMutation(TaskRateDocument);
  const done = (c: TaskClaimFieldsFragment) => {
    setForm(null);
    setReason('');
    onChanged(c);
  };
  const approve = () => verify.run({ claimId: claim.id, approve: true, reason: null }).then((r) => done(r.verifyTask), ignoreApiError);
  const reject = () => {
    const msg = reasonError(reason);
    setReasonMsg(msg);
    if (msg) return;
    void verify.run({ claimId: claim.id, approve: false, reason: reason.trim() }).then((r) => done(r.verifyTask), ignoreApiError);
  };
  const sendRating = () => void rate.run({ claimId: claim.id, stars }).then((r) => done(r.rateTask), ignoreApiError);
  const within = claim.checkinDistanceM !== null ? claim.checkinDistanceM <= radiusM : null;
  const reasonId = `reject-reason-${claim.id}`;
  return (
    <tr data-testid="claim-row" data-id={claim.id}>
      <td>
        <Link to={`/stewards/${encodeURIComponent(claim.stewardId)}`}>查看管家</Link>
      </td>
      <td>
        <span className={`badge claim-${claim.status}`} data-testid="claim-status">
          {CLAIM_STATUS_NAMES[claim.status]}
        </span>
      </td>
      <td>{formatDateTime(claim.claimedAt)}</td>
      <td>{formatDateTime(claim.checkedInAt)}</td>
      <td>
        {claim.checkinDistanceM !== null ? (
          <>
            {Math.round(claim.checkinDistanceM)} 米 <span className={within ? 'badge within' : 'badge outside'}>{within ? '半径内' : '半径外'}</span>
          </>
        ) : (
          '—'
        )}
      </td>
      <td>
        {formatDateTime(claim.submittedAt)}
        {claim.note ? <div className="note">{claim.note}</div> : null}
        {claim.photos.length ? <div className="muted">照片 {claim.photos.length} 张</div> : null}
      </td>
      <td>
        {claim.pointsAwarded !== null ? <div>积分 +{claim.pointsAwarded}</div> : null}
        {claim.rating !== null ? <div aria-label={`评价 ${claim.rating} 星`}>{'★'.repeat(claim.rating)}</div> : null}
        {claim.rejectionReason ? <div>驳回：{claim.rejectionReason}</div> : null}
      </td>
      <td className="actions">
        {actions.includes('approve') ? (
          <button type="button" className="primary" disabled={verify.pending} onClick={() => void approve()}>
            {CLAIM_ACTION_NAMES.approve}
          </button>
        ) : null}
        {actions.includes('reject') ? (
          <button type="button" aria-expanded={form === 'reject'} onClick={() => setForm(form === 'reject' ? null : 'reject')}>
            {CLAIM_ACTION_NAMES.reject}
          </button>
        ) : null}
        {actions.includes('rate') ? (
          <button type="button" aria-expanded={form === 'rate'} onClick={() => setForm(form === 'rate' ? null : 'rate')}>
            {CLAIM_ACTION_NAMES.rate}
          </button>
        ) : null}
        {form === 'reject' ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              reject();
            }}
          >
            <label htmlFor={reasonId}>驳回理由</label>
            <textarea
              id={reasonId}
              rows={2}
              maxLength={REJECT_REASON_MAX + 20}
              value={reason}
              aria-invalid={reasonMsg ? true : undefined}
              aria-describedby={reasonMsg ? `${reasonId}-error` : undefined}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonMsg(null);
              }}
            />
            {reasonMsg ? (
              <span id={`${reasonId}-error`} className="field-error">
                {reasonMsg}
              </span>
            ) : null}
            <button type="submit" disabled={verify.pending}>
              确定
            </button>
          </form>
        ) : null}
        {form === 'rate' ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              sendRating();
            }}
          >
            <label htmlFor={`stars-${claim.id}`}>星级</label>
            <select id={`stars-${claim.id}`} value={stars} onChange={(e) => setStars(Number(e.target.value))}>
              {STARS.map((s) => (
                <option key={s} value={s}>
                  {s} 星{s === 5 ? '（加奖励积分与抽奖券）' : ''}
                </option>
              ))}
            </select>
            <button type="submit" disabled={rate.pending}>
              确定
            </button>
          </form>
        ) : null}
        <ErrorNotice error={verify.error ?? rate.error} />
      </td>
    </tr>
  );
}

/** The mutation hook keeps the error for the notice; nothing more to do with it here. */
function ignoreApiError(err: unknown): void {
  if (!(err instanceof ApiError)) throw err;
}
