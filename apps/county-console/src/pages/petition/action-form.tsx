/**
 * The inline form of an action that needs input (甄别, 分派, 办结, 督办, 吹哨, 转为任务/调解): its
 * fields, then 确定 and 取消. It only gathers and checks the input; the page runs the mutation.
 */
import { useState, type FormEvent } from 'react';
import type { Level, ScreenOutcome, SpawnKind, WhistleUrgency } from '../../api/schema-types.js';
import { useQuery } from '../../shell/use-query.js';
import { ErrorNotice } from '../../shell/messages.js';
import { ACTION_LABELS, type ActionKind } from './petition-actions.js';
import { formatDateTime } from '../../shell/format.js';
import { LEVEL_LABELS } from './petition-labels.js';
import { PetitionPageDepartmentsDocument, PetitionPageDuplicatesDocument } from './petition.generated.js';

/** What each form hands the page, by action. */
export type ActionInput =
  | { kind: 'screen'; outcome: ScreenOutcome; priority: number; duplicateOf: string | null; note: string | null }
  | { kind: 'assign'; level: Level; departmentId: string | null; note: string | null }
  | { kind: 'resolve'; result: string }
  | { kind: 'reopen'; reason: string }
  | { kind: 'whistle'; departmentId: string; reason: string; urgency: WhistleUrgency }
  | { kind: 'spawn'; spawnKind: SpawnKind; note: string | null };

export const SCREEN_OUTCOMES: Record<ScreenOutcome, string> = {
  valid: '有效，进入交办',
  duplicate: '重复诉求（合并）',
  invalid: '无效诉求',
  not_responsible: '非职责范围',
  referred: '转其他渠道办理',
};
const PRIORITIES: Record<number, string> = { 1: '低', 2: '一般', 3: '紧急' };
/** The schema's limits for the texts (ResolvePetitionInput.result, ReopenPetitionInput.reason, …). */
const MAX_NOTE = 500;
const MAX_RESULT = 2000;

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null);

export function ActionForm(props: { kind: ActionKind; petitionId: string; levels: readonly Level[]; pending: boolean; onSubmit: (input: ActionInput) => void; onCancel: () => void }) {
  const { kind, petitionId, levels, pending, onSubmit, onCancel } = props;
  const [outcome, setOutcome] = useState<ScreenOutcome>('valid');
  const [priority, setPriority] = useState(2);
  const [duplicateOf, setDuplicateOf] = useState('');
  const [level, setLevel] = useState<Level>(levels[0] ?? 'grid');
  const [departmentId, setDepartmentId] = useState('');
  const [urgency, setUrgency] = useState<WhistleUrgency>('normal');
  const [text, setText] = useState('');
  const needsDepartment = kind === 'whistle' || (kind === 'assign' && level === 'department');
  const departments = useQuery(PetitionPageDepartmentsDocument, {}, { skip: !needsDepartment });
  const duplicates = useQuery(PetitionPageDuplicatesDocument, { id: petitionId }, { skip: !(kind === 'screen' && outcome === 'duplicate') });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    switch (kind) {
      case 'screen':
        return onSubmit({ kind, outcome, priority, duplicateOf: outcome === 'duplicate' ? orNull(duplicateOf) : null, note: orNull(text) });
      case 'assign':
        return onSubmit({ kind, level, departmentId: level === 'department' ? departmentId : null, note: orNull(text) });
      case 'resolve':
        return onSubmit({ kind, result: text.trim() });
      case 'reopen':
        return onSubmit({ kind, reason: text.trim() });
      case 'whistle':
        return onSubmit({ kind, departmentId, reason: text.trim(), urgency });
      case 'spawn_task':
      case 'spawn_mediation':
        return onSubmit({ kind: 'spawn', spawnKind: kind === 'spawn_task' ? 'task' : 'mediation', note: orNull(text) });
    }
  };

  const textLabel: Partial<Record<ActionKind, string>> = { resolve: '办理结果', reopen: '督办理由', whistle: '吹哨事由' };
  const required = kind === 'resolve' || kind === 'reopen' || kind === 'whistle';
  return (
    <form className="action-form" onSubmit={submit} aria-label={`${ACTION_LABELS[kind]}：填写`}>
      <h3>{ACTION_LABELS[kind]}</h3>
      {kind === 'screen' ? (
        <>
          <label>
            甄别结果
            <select value={outcome} onChange={(e) => setOutcome(e.target.value as ScreenOutcome)}>
              {Object.entries(SCREEN_OUTCOMES).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          {outcome === 'duplicate' ? (
            <label>
              重复的诉求
              <select value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} required>
                <option value="">请选择</option>
                {duplicates.data?.petitionDuplicates.map((d) => (
                  <option key={d.petition.id} value={d.petition.id}>
                    {d.petition.trackingCode} {d.petition.title}（{formatDateTime(d.petition.createdAt)}
                    {d.sameBuilding ? '，同一楼栋' : d.distanceM !== null ? `，相距${Math.round(d.distanceM)}米` : ''}）
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {duplicates.data && outcome === 'duplicate' && duplicates.data.petitionDuplicates.length === 0 ? <p className="muted">附近没有可能重复的诉求。</p> : null}
          <ErrorNotice error={duplicates.error} />
          {outcome === 'valid' ? (
            <label>
              优先级
              <select value={priority} onChange={(e) => setPriority(Number(e.target.value))}>
                {Object.entries(PRIORITIES).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </>
      ) : null}
      {kind === 'assign' ? (
        <label>
          交办层级
          <select value={level} onChange={(e) => setLevel(e.target.value as Level)}>
            {levels.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {needsDepartment ? (
        <label>
          部门
          <select value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} required>
            <option value="">请选择</option>
            {departments.data?.departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <ErrorNotice error={departments.error} />
      {kind === 'whistle' ? (
        <label>
          紧急程度
          <select value={urgency} onChange={(e) => setUrgency(e.target.value as WhistleUrgency)}>
            <option value="normal">一般（24小时内报到）</option>
            <option value="urgent">紧急（2小时内报到）</option>
          </select>
        </label>
      ) : null}
      <label className="wide">
        {textLabel[kind] ?? '说明（可选）'}
        <textarea value={text} onChange={(e) => setText(e.target.value)} required={required} maxLength={kind === 'resolve' ? MAX_RESULT : MAX_NOTE} rows={kind === 'resolve' ? 4 : 2} />
      </label>
      <div className="buttons">
        <button type="submit" className="primary" disabled={pending}>
          确定
        </button>
        <button type="button" onClick={onCancel} disabled={pending}>
          取消
        </button>
      </div>
    </form>
  );
}
