/**
 * One steward: the card, front and back side by side (a county office prints and checks both), the
 * person's details exactly as the gateway gives them (phone and ID number masked unless the gateway
 * unmasked them), the sentinel chain above them, and every number they have held (numberHistory).
 */
import { useMemo } from 'react';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { Link } from '../../shell/router.js';
import { useQuery } from '../../shell/use-query.js';
import { cardBack, cardFront, chinaYear, countyOf, numberHistoryNewestFirst, type StewardDetail } from './steward-card.js';
import { formatDateTime } from '../../shell/format.js';
import { StewardBackDocument, StewardDetailDocument, type StewardBackQuery } from './steward.generated.js';
import './stewards.css';

export default function StewardPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const detail = useQuery(StewardDetailDocument, { id });
  const steward = detail.data?.steward;
  const year = useMemo(() => chinaYear(new Date()), []);
  // The back's figures come from other services; the card shows without them if they fail.
  const back = useQuery(StewardBackDocument, { stewardId: id, year, yearText: String(year), county: steward ? countyOf(steward.grid) : '' }, { skip: !steward });

  return (
    <section className="steward-page" aria-labelledby="steward-title">
      <p>
        <Link to="/stewards">← 返回红管家名录</Link>
      </p>
      <ErrorNotice error={detail.error} />
      {detail.loading && !steward && <Loading />}
      {steward && (
        <>
          <h2 id="steward-title">红管家 {steward.card.name ?? steward.number}</h2>
          <StewardCardView steward={steward} back={back.data} year={year} />
          {back.error && (
            <div className="muted">
              卡背统计暂不可用：
              <ErrorNotice error={back.error} />
            </div>
          )}
          <div className="steward-details">
            <PersonDetails steward={steward} />
            <section aria-labelledby="number-history-title">
              <h3 id="number-history-title">编号变更记录</h3>
              <NumberHistory steward={steward} />
            </section>
          </div>
        </>
      )}
    </section>
  );
}

function StewardCardView({ steward, back, year }: { steward: StewardDetail; back: StewardBackQuery | undefined; year: number }) {
  const front = cardFront(steward);
  const rear = cardBack(steward, back, year);
  return (
    <div className="steward-card" data-testid="steward-card">
      <article className="card-face front" aria-label="红管家证 正面" data-face="front">
        <h3>红管家证</h3>
        <div className="photo" role="img" aria-label="照片位置">
          {front.initial}
        </div>
        <dl>
          <dt>姓名</dt>
          <dd data-testid="card-name">{front.name}</dd>
          <dt>编号</dt>
          <dd className="number" data-testid="card-number">
            {front.number}
          </dd>
          <dt>单位</dt>
          <dd>{front.unitName}</dd>
          <dt>号段</dt>
          <dd>{front.classLabel}</dd>
          <dt>网格</dt>
          <dd>{front.place}</dd>
        </dl>
      </article>
      <article className="card-face back" aria-label="红管家证 背面" data-face="back">
        <h3>职责</h3>
        <ul>
          {rear.duties.map((d) => (
            <li key={d}>{d}</li>
          ))}
          {rear.posts.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <h3>编号说明</h3>
        <dl>
          {rear.numberParts.map((p) => (
            <Pair key={p.label} label={p.label} value={p.value} />
          ))}
        </dl>
        {rear.figures.length > 0 && (
          <>
            <h3>履职与荣誉</h3>
            <dl data-testid="card-figures">
              {rear.figures.map((p) => (
                <Pair key={p.label} label={p.label} value={p.value} />
              ))}
            </dl>
          </>
        )}
      </article>
    </div>
  );
}

function Pair({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function PersonDetails({ steward }: { steward: StewardDetail }) {
  const p = steward.person;
  return (
    <section aria-labelledby="person-title">
      <h3 id="person-title">人员信息</h3>
      {p ? (
        <dl className="person">
          <Pair label="姓名" value={p.name} />
          <Pair label="手机号" value={p.phone} />
          <Pair label="身份证号" value={p.idCardNumber} />
          <dt>脱敏</dt>
          <dd>{p.masked ? '已脱敏（按权限显示）' : '完整显示'}</dd>
        </dl>
      ) : (
        <p className="muted">此人员不在您的辖区内，个人信息不予显示。</p>
      )}
      <dl className="person">
        <Pair label="单位" value={steward.unit ? `${steward.unit.name}（${steward.unit.code}）` : '（辖区外单位）'} />
        <Pair label="入册时间" value={formatDateTime(steward.enrolledAt)} />
        <Pair label="更新时间" value={formatDateTime(steward.updatedAt)} />
        <dt>上级（哨兵链）</dt>
        <dd>{steward.reportsTo ? <Link to={`/stewards/${encodeURIComponent(steward.reportsTo.id)}`}>{steward.reportsTo.card.name ?? steward.reportsTo.number}</Link> : '无'}</dd>
      </dl>
    </section>
  );
}

function NumberHistory({ steward }: { steward: StewardDetail }) {
  const history = numberHistoryNewestFirst(steward.numberHistory);
  return (
    <table className="number-history" data-testid="number-history">
      <caption>按启用时间排列，最新在前</caption>
      <thead>
        <tr>
          <th scope="col">编号</th>
          <th scope="col">启用时间</th>
          <th scope="col">停用时间</th>
        </tr>
      </thead>
      <tbody>
        {history.map((h) => (
          <tr key={`${h.number}-${h.issuedAt}`}>
            <td className="number">{h.number}</td>
            <td>{formatDateTime(h.issuedAt)}</td>
            <td>{h.current ? <span className="badge">在用</span> : formatDateTime(h.retiredAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
