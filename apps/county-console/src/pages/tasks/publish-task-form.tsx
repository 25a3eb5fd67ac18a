/**
 * 发布任务: the form checks what it can before sending (publish-form.ts) and shows the gateway's
 * VALIDATION refusals next to the fields they name. A place nearby may be chosen: its check-in radius
 * then applies instead of the default 50 m.
 */
import { useId, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import type { EmergencyType } from '../../api/schema-types.js';
import type { GrantLike } from '../../auth/roles.js';
import { ErrorNotice } from '../../shell/messages.js';
import { Link } from '../../shell/router.js';
import { useClient } from '../../shell/session-context.js';
import { useMutation } from '../../shell/use-query.js';
import { EMERGENCY_NAMES, TASK_KIND_NAMES } from './labels.js';
import {
  CAPACITY_MAX,
  DEFAULT_CHECKIN_RADIUS_M,
  emptyDraft,
  POINTS_RANGE,
  PUBLISH_KINDS,
  serverFieldErrors,
  STEWARD_CLASSES,
  validatePublish,
  type FieldErrors,
  type PublishDraft,
  type PublishField,
  type PublishKind,
} from './publish-form.js';
import { RegionField } from './region-field.js';
import { canPublish } from './task-actions.js';
import { TasksPlacesDocument, TasksPublishDocument, TasksRegionByPathDocument, type TasksPlacesQuery } from './tasks.generated.js';

/** Places offered for the check-in radius: those within this distance of the task's point. */
const PLACE_SEARCH_RADIUS_M = 1000;

export function PublishTaskForm({ grants, regions, defaultRegion, onPublished }: { grants: readonly GrantLike[]; regions: readonly string[]; defaultRegion: string; onPublished: () => void }) {
  const formId = useId();
  const [draft, setDraft] = useState<PublishDraft>(() => emptyDraft(defaultRegion));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [published, setPublished] = useState<{ id: string; title: string } | null>(null);
  const publish = useMutation(TasksPublishDocument);
  const set = <K extends PublishField>(field: K, value: PublishDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const submit = async () => {
    setPublished(null);
    const check = validatePublish(draft, new Date(), (region, kind) => canPublish(grants, region, kind));
    setErrors(check.errors);
    if (!check.input) return;
    try {
      const { publishTask } = await publish.run({ input: check.input });
      setPublished({ id: publishTask.id, title: publishTask.title });
      setDraft(emptyDraft(draft.region));
      onPublished();
    } catch (err) {
      if (err instanceof ApiError) setErrors(serverFieldErrors(err));
    }
  };
  const range = POINTS_RANGE[draft.kind];
  const fieldError = (f: PublishField) => errors[f];
  // The notice repeats a VALIDATION only when none of its complaints could be put next to a field.
  const generalError = publish.error && !(publish.error.code === 'VALIDATION' && Object.keys(serverFieldErrors(publish.error)).length > 0) ? publish.error : undefined;
  const fid = (f: PublishField) => `${formId}-${f}`;
  return (
    <form
      className="publish-form"
      aria-labelledby={`${formId}-heading`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${formId}-heading`}>发布任务</h3>
      <div className="form-grid">
        <Field id={fid('title')} label="标题" error={fieldError('title')} wide>
          <input id={fid('title')} value={draft.title} maxLength={120} onChange={(e) => set('title', e.target.value)} {...invalid(fid('title'), fieldError('title'))} />
        </Field>
        <Field id={fid('description')} label="说明" error={fieldError('description')} wide>
          <textarea id={fid('description')} rows={3} value={draft.description} onChange={(e) => set('description', e.target.value)} {...invalid(fid('description'), fieldError('description'))} />
        </Field>
        <Field id={fid('kind')} label="类型" error={fieldError('kind')}>
          <select id={fid('kind')} value={draft.kind} onChange={(e) => set('kind', e.target.value as PublishKind)} {...invalid(fid('kind'), fieldError('kind'))}>
            {PUBLISH_KINDS.map((k) => (
              <option key={k} value={k}>
                {TASK_KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </Field>
        {draft.kind === 'emergency' ? (
          <Field id={fid('emergencyType')} label="应急类型" error={fieldError('emergencyType')}>
            <select id={fid('emergencyType')} value={draft.emergencyType} onChange={(e) => set('emergencyType', e.target.value as EmergencyType | '')} {...invalid(fid('emergencyType'), fieldError('emergencyType'))}>
              <option value="">请选择</option>
              {(Object.keys(EMERGENCY_NAMES) as EmergencyType[]).map((t) => (
                <option key={t} value={t}>
                  {EMERGENCY_NAMES[t]}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id={fid('points')} label={`积分（${range.min}–${range.max}）`} error={fieldError('points')}>
          <input id={fid('points')} type="number" inputMode="numeric" min={range.min} max={range.max} value={draft.points} onChange={(e) => set('points', e.target.value)} {...invalid(fid('points'), fieldError('points'))} />
        </Field>
        <Field id={fid('capacity')} label={`人数（1–${CAPACITY_MAX}）`} error={fieldError('capacity')}>
          <input id={fid('capacity')} type="number" inputMode="numeric" min={1} max={CAPACITY_MAX} value={draft.capacity} onChange={(e) => set('capacity', e.target.value)} {...invalid(fid('capacity'), fieldError('capacity'))} />
        </Field>
        <Field id={fid('deadline')} label="截止时间（北京时间）" error={fieldError('deadline')}>
          <input id={fid('deadline')} type="datetime-local" value={draft.deadline} onChange={(e) => set('deadline', e.target.value)} {...invalid(fid('deadline'), fieldError('deadline'))} />
        </Field>
        <div className="wide">
          <RegionField id={fid('region')} label="所在区域" value={draft.region} onCommit={(r) => set('region', r)} regions={regions} error={fieldError('region')} />
        </div>
        <Field id={fid('lat')} label="纬度" error={fieldError('lat')}>
          <input id={fid('lat')} inputMode="decimal" value={draft.lat} placeholder="30.9" onChange={(e) => set('lat', e.target.value)} {...invalid(fid('lat'), fieldError('lat'))} />
        </Field>
        <Field id={fid('lng')} label="经度" error={fieldError('lng')}>
          <input id={fid('lng')} inputMode="decimal" value={draft.lng} placeholder="112.2" onChange={(e) => set('lng', e.target.value)} {...invalid(fid('lng'), fieldError('lng'))} />
        </Field>
        <PlacePicker draft={draft} error={fieldError('placeId')} id={fid('placeId')} onPick={(id) => set('placeId', id)} />
        <fieldset className="wide classes" aria-describedby={fieldError('requiredClasses') ? `${fid('requiredClasses')}-error` : undefined}>
          <legend>可认领号段（不选则不限）</legend>
          {STEWARD_CLASSES.map((c) => (
            <label key={c} className="inline">
              <input
                type="checkbox"
                checked={draft.requiredClasses.includes(c)}
                onChange={(e) => set('requiredClasses', e.target.checked ? [...draft.requiredClasses, c] : draft.requiredClasses.filter((x) => x !== c))}
              />
              {c} 号段
            </label>
          ))}
          {fieldError('requiredClasses') ? (
            <span id={`${fid('requiredClasses')}-error`} className="field-error">
              {fieldError('requiredClasses')}
            </span>
          ) : null}
        </fieldset>
      </div>
      <ErrorNotice error={generalError} />
      {Object.values(errors).some(Boolean) ? (
        <p className="error" role="alert">
          请更正标出的内容后再发布。
        </p>
      ) : null}
      {published ? (
        <p role="status" className="ok">
          已发布：<Link to={`/tasks/${encodeURIComponent(published.id)}`}>{published.title}</Link>
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={publish.pending}>
        {publish.pending ? '发布中…' : '发布'}
      </button>
    </form>
  );
}

function invalid(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

function Field({ id, label, error, wide, children }: { id: string; label: string; error: string | undefined; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'field wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** Places near the task's point in its region; choosing one applies its check-in radius. */
function PlacePicker({ draft, id, error, onPick }: { draft: PublishDraft; id: string; error: string | undefined; onPick: (placeId: string) => void }) {
  const client = useClient();
  const [places, setPlaces] = useState<TasksPlacesQuery['places'] | null>(null);
  const [lookupError, setLookupError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const lat = Number(draft.lat);
  const lng = Number(draft.lng);
  const ready = draft.region !== '' && draft.lat.trim() !== '' && draft.lng.trim() !== '' && Number.isFinite(lat) && Number.isFinite(lng);
  const find = async () => {
    setBusy(true);
    setLookupError(undefined);
    try {
      const { regionByPath } = await client.request(TasksRegionByPathDocument, { region: draft.region });
      const { places: found } = await client.request(TasksPlacesDocument, { regionId: regionByPath.id, near: { lat, lng, radiusM: PLACE_SEARCH_RADIUS_M } });
      setPlaces(found);
    } catch (err) {
      setLookupError(err instanceof ApiError ? err : new ApiError('INTERNAL', String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field wide">
      <label htmlFor={id}>签到点位（签到半径：{draft.placeId ? '按所选点位' : `默认 ${DEFAULT_CHECKIN_RADIUS_M} 米`}）</label>
      <div className="inline-row">
        <select id={id} value={draft.placeId} onChange={(e) => onPick(e.target.value)} {...invalid(id, error)}>
          <option value="">不指定（{DEFAULT_CHECKIN_RADIUS_M} 米）</option>
          {(places ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.distanceM !== null ? `（${Math.round(p.distanceM)} 米）` : ''}
            </option>
          ))}
        </select>
        <button type="button" disabled={!ready || busy} onClick={() => void find()}>
          {busy ? '查找中…' : `查找 ${PLACE_SEARCH_RADIUS_M} 米内点位`}
        </button>
      </div>
      {places && places.length === 0 ? <span className="muted">附近没有点位。</span> : null}
      <ErrorNotice error={lookupError} />
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
