/**
 * One dispute case, read-only: its facts, parties (phone and ID number as the gateway masks them;
 * unmasking is an audited mediator action, not offered here), every transition, the sessions, the
 * agreement with who has signed it, and the follow-ups after it took effect.
 */
import { Fragment } from 'react';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { Link } from '../../shell/router.js';
import { useQuery } from '../../shell/use-query.js';
import { MediationCaseDetailDocument, type MediationCaseDetailQuery } from './case.generated.js';
import { agreementStatus, attendeeNames, followUpStatus, signatures } from './case-view.js';
import { formatDateTime, formatFen } from '../../shell/format.js';
import {
  caseStateLabel,
  CASE_STATE_NAMES,
  CATEGORY_NAMES,
  CONFIRMATION_NAMES,
  FOLLOW_UP_KIND_NAMES,
  LEVEL_NAMES,
  PARTY_ROLE_NAMES,
  RISK_NAMES,
  SESSION_MODE_NAMES,
  SESSION_STATE_NAMES,
  SOURCE_NAMES,
  TEMPLATE_NAMES,
  timelineActionName,
} from './mediation-labels.js';
import './mediation.css';

type Detail = MediationCaseDetailQuery;

export default function CasePage({ params }: { params: Record<string, string> }) {
  const { data, error, loading } = useQuery(MediationCaseDetailDocument, { id: params.id ?? '' });
  const c = data?.mediationCase;
  return (
    <article className="case-page" aria-labelledby="case-title">
      <p>
        <Link to="/mediation">← 返回调解案件</Link>
      </p>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && c && (
        <>
          <h2 id="case-title">{c.title}</h2>
          <p>
            <span data-testid="case-number">{c.number}</span>　状态：
            <strong data-testid="case-state">{caseStateLabel(c.state, c.outcome)}</strong>
            {c.criminalRisk && <span className="badge criminal">民转刑风险</span>}
          </p>
          <Facts detail={data} />
          <Parties detail={data} />
          <Timeline detail={data} />
          <Sessions detail={data} />
          <Agreement detail={data} />
          <FollowUps detail={data} />
        </>
      )}
    </article>
  );
}

function Facts({ detail }: { detail: Detail }) {
  const c = detail.mediationCase;
  const rows: [string, string][] = [
    ['类别', c.categoryZh || CATEGORY_NAMES[c.category]],
    ['层级', LEVEL_NAMES[c.level]],
    ['来源', SOURCE_NAMES[c.source] + (c.courtReference ? `（${c.courtReference}）` : '')],
    ['风险等级', RISK_NAMES[c.risk]],
    ['区域', c.region],
    ['争议金额', formatFen(c.amountFen)],
    ['调解组织', c.organisationName ?? '—'],
    ['调解员', c.mediatorName ?? '待指派'],
    ['受理时间', formatDateTime(c.openedAt)],
    ['上交次数', String(c.escalations)],
    ['达成协议', formatDateTime(c.agreedAt)],
    ['结案时间', formatDateTime(c.closedAt)],
    ['司法确认', CONFIRMATION_NAMES[c.confirmationState] + (c.confirmationDeadline ? `（申请截止 ${c.confirmationDeadline.slice(0, 10)}）` : '')],
    ['公安网格', c.policeGrid ?? '—'],
  ];
  return (
    <section aria-labelledby="facts-title">
      <h3 id="facts-title">案件信息</h3>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </dl>
      <h4>纠纷事实</h4>
      <p>{c.facts}</p>
    </section>
  );
}

function Parties({ detail }: { detail: Detail }) {
  const rows = signatures(detail);
  return (
    <section aria-labelledby="parties-title">
      <h3 id="parties-title">当事人</h3>
      <table data-testid="parties">
        <caption className="muted">手机号、身份证号已脱敏</caption>
        <thead>
          <tr>
            <th scope="col">姓名/名称</th>
            <th scope="col">身份</th>
            <th scope="col">手机号</th>
            <th scope="col">身份证号</th>
            <th scope="col">协议签字</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ party, signed }) => (
            <tr key={party.id} data-testid="party-row">
              <td>{party.name}</td>
              <td>{PARTY_ROLE_NAMES[party.role]}</td>
              <td>{party.phoneMasked ?? '—'}</td>
              <td>{party.idNumberMasked ?? '—'}</td>
              <td>{detail.mediationAgreement ? (signed ? '已签字' : '未签字') : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Timeline({ detail }: { detail: Detail }) {
  return (
    <section aria-labelledby="timeline-title">
      <h3 id="timeline-title">办理过程</h3>
      <ol className="timeline" data-testid="case-timeline">
        {detail.mediationCaseTimeline.map((t) => (
          <li key={t.seq}>
            <time dateTime={t.at}>{formatDateTime(t.at)}</time>
            <strong>{timelineActionName(t.action)}</strong>
            {t.fromState && t.fromState !== t.toState && (
              <span className="muted">
                （{CASE_STATE_NAMES[t.fromState]} → {CASE_STATE_NAMES[t.toState]}）
              </span>
            )}
            <span> · {t.actorLabel === 'system' ? '系统' : t.actorLabel}</span>
            {t.note && <div className="muted">{t.note}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Sessions({ detail }: { detail: Detail }) {
  const sessions = detail.mediationSessions;
  return (
    <section aria-labelledby="sessions-title">
      <h3 id="sessions-title">调解会</h3>
      {sessions.length === 0 ? (
        <p className="muted">尚未安排调解会</p>
      ) : (
        <table data-testid="sessions">
          <thead>
            <tr>
              <th scope="col">场次</th>
              <th scope="col">时间</th>
              <th scope="col">方式 / 地点</th>
              <th scope="col">状态</th>
              <th scope="col">到场当事人</th>
              <th scope="col">记录</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>第 {s.seq} 次</td>
                <td>{formatDateTime(s.startsAt)}</td>
                <td>
                  {SESSION_MODE_NAMES[s.mode]}
                  {s.place ? ` · ${s.place}` : ''}
                </td>
                <td>{SESSION_STATE_NAMES[s.state]}</td>
                <td>{s.state === 'held' ? attendeeNames(detail, s.attendedPartyIds).join('、') || '—' : '—'}</td>
                <td>{s.notes ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Agreement({ detail }: { detail: Detail }) {
  const a = detail.mediationAgreement;
  return (
    <section aria-labelledby="agreement-title">
      <h3 id="agreement-title">调解协议</h3>
      <p data-testid="agreement-status">{agreementStatus(detail)}</p>
      {a && (
        <>
          <p className="muted">
            模板：{TEMPLATE_NAMES[a.template]}　起草：{formatDateTime(a.draftedAt)}　履行方式：{a.performanceMethod}　履行期限：{a.performanceDeadline}
          </p>
          <h4>协议内容</h4>
          <ol>
            {a.terms.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ol>
          {a.instalments.length > 0 && (
            <>
              <h4>分期履行</h4>
              <ul>
                {a.instalments.map((i) => (
                  <li key={i.dueOn}>
                    {i.dueOn} 前支付 {formatFen(i.amountFen)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function FollowUps({ detail }: { detail: Detail }) {
  const items = detail.mediationFollowUps;
  return (
    <section aria-labelledby="followups-title">
      <h3 id="followups-title">回访与履行跟踪</h3>
      {items.length === 0 ? (
        <p className="muted">暂无回访或履行跟踪</p>
      ) : (
        <table data-testid="follow-ups">
          <thead>
            <tr>
              <th scope="col">类型</th>
              <th scope="col">到期日</th>
              <th scope="col">应付 / 已付</th>
              <th scope="col">状态</th>
              <th scope="col">记录</th>
            </tr>
          </thead>
          <tbody>
            {items.map((f) => {
              const status = followUpStatus(f);
              return (
                <tr key={f.id} data-testid="follow-up-row">
                  <td>{FOLLOW_UP_KIND_NAMES[f.kind]}</td>
                  <td>{f.dueOn}</td>
                  <td>{f.kind === 'payment' ? `${formatFen(f.amountFen)} / ${formatFen(f.paidFen)}` : '—'}</td>
                  <td className={status.overdue ? 'overdue-text' : undefined}>{status.text}</td>
                  <td>
                    {f.note ?? '—'}
                    {f.recordedAt && <div className="muted">{formatDateTime(f.recordedAt)}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
