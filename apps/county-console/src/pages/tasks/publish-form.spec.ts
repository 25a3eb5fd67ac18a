import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { deadlineIso, emptyDraft, serverFieldErrors, validatePublish, type PublishDraft } from './publish-form.js';

const NOW = new Date('2026-05-01T02:00:00Z'); // 10:00 China time
const REGION = 'jingmen/dongbao/longquan/xiangshan';

function draft(over: Partial<PublishDraft> = {}): PublishDraft {
  return { ...emptyDraft(REGION), title: '清理楼道杂物', points: '10', capacity: '3', deadline: '2026-05-02T18:00', lat: '31.03', lng: '112.2', ...over };
}

describe('validatePublish', () => {
  it('turns a complete draft into the mutation input, the deadline in China time', () => {
    const { errors, input } = validatePublish(draft({ description: '  ', requiredClasses: [3, 1, 3] }), NOW);
    expect(errors).toEqual({});
    expect(input).toEqual({
      title: '清理楼道杂物',
      description: null,
      kind: 'dispatched',
      emergencyType: null,
      points: 10,
      capacity: 3,
      deadline: '2026-05-02T18:00:00+08:00',
      location: { lat: 31.03, lng: 112.2 },
      region: REGION,
      placeId: null,
      requiredClasses: [1, 3],
    });
  });

  it('names every missing field in Chinese and sends nothing', () => {
    const { errors, input } = validatePublish({ ...emptyDraft(''), points: '', capacity: '' }, NOW);
    expect(input).toBeNull();
    expect(errors).toMatchObject({ title: '请填写任务标题', points: '积分须为整数', capacity: '人数须为整数', deadline: '请填写截止时间', lat: '请填写纬度', lng: '请填写经度', region: '请填写任务所在区域' });
  });

  it('bounds points by the kind: dispatched 5–20, emergency 5–40, annual duty 1–20', () => {
    expect(validatePublish(draft({ points: '25' }), NOW).errors.points).toBe('该类任务积分须在 5–20 之间');
    expect(validatePublish(draft({ kind: 'emergency', emergencyType: 'flood', points: '25' }), NOW).errors.points).toBeUndefined();
    expect(validatePublish(draft({ kind: 'annual_duty', points: '1' }), NOW).errors.points).toBeUndefined();
    expect(validatePublish(draft({ points: '4' }), NOW).errors.points).toBe('该类任务积分须在 5–20 之间');
    expect(validatePublish(draft({ points: '7.5' }), NOW).errors.points).toBe('积分须为整数');
  });

  it('asks an emergency task for its emergency type and sends it only for emergencies', () => {
    expect(validatePublish(draft({ kind: 'emergency' }), NOW).errors.emergencyType).toBe('应急任务须选择应急类型');
    expect(validatePublish(draft({ kind: 'emergency', emergencyType: 'fire' }), NOW).input?.emergencyType).toBe('fire');
    expect(validatePublish(draft({ kind: 'dispatched', emergencyType: 'fire' }), NOW).input?.emergencyType).toBeNull();
  });

  it('refuses a deadline that is not in the future, capacity out of 1–1000 and coordinates out of range', () => {
    const { errors } = validatePublish(draft({ deadline: '2026-05-01T09:59', capacity: '1001', lat: '91', lng: '-181' }), NOW);
    expect(errors).toEqual({ deadline: '截止时间须晚于现在', capacity: '人数须在 1–1000 之间', lat: '纬度须在 -90 到 90 之间', lng: '经度须在 -180 到 180 之间' });
  });

  it('checks the title length and the region path form', () => {
    expect(validatePublish(draft({ title: '字'.repeat(101) }), NOW).errors.title).toBe('标题不超过 100 个字');
    expect(validatePublish(draft({ region: 'Jingmen/东宝' }), NOW).errors.region).toMatch(/格式不正确/);
  });

  it('refuses a region where the user may not publish, telling emergencies apart', () => {
    const mayPublish = (region: string, kind: string) => region.startsWith('jingmen/dongbao') && kind !== 'emergency';
    expect(validatePublish(draft({ region: 'jingmen/duodao/x' }), NOW, mayPublish).errors.region).toBe('此区域不在您可发布任务的辖区内');
    expect(validatePublish(draft({ kind: 'emergency', emergencyType: 'flood' }), NOW, mayPublish).errors.region).toBe('您在此区域不能发布应急任务（须网格员或管理员）');
    expect(validatePublish(draft(), NOW, mayPublish).input).not.toBeNull();
  });
});

describe('deadlineIso', () => {
  it('reads a datetime-local value as China Standard Time', () => {
    expect(deadlineIso('2026-12-31T23:30')).toBe('2026-12-31T23:30:00+08:00');
    expect(new Date(deadlineIso('2026-12-31T23:30')!).toISOString()).toBe('2026-12-31T15:30:00.000Z');
    expect(deadlineIso('tomorrow')).toBeNull();
  });
});

describe('serverFieldErrors', () => {
  it('puts a schema check’s complaints next to their fields', () => {
    const err = new ApiError('VALIDATION', 'invalid input: title: Too big: expected string to have <=100 characters; location.lng: Too small; requiredClasses.0: Too big', undefined, [
      { path: 'title', message: 'Too big: expected string to have <=100 characters' },
      { path: 'location.lng', message: 'Too small' },
      { path: 'requiredClasses.0', message: 'Too big' },
    ]);
    expect(serverFieldErrors(err)).toEqual({ title: 'Too big: expected string to have <=100 characters', lng: 'Too small', requiredClasses: 'Too big' });
  });

  it('uses Chinese for the refusals it knows by reason', () => {
    expect(serverFieldErrors(new ApiError('VALIDATION', 'deadline: must lie in the future', 'DEADLINE_PASSED', [{ path: 'deadline', message: 'must lie in the future' }]))).toEqual({ deadline: '截止时间须晚于现在' });
    expect(serverFieldErrors(new ApiError('VALIDATION', 'points: a dispatched task is worth 5–20 points', 'POINTS_OUT_OF_RANGE', [{ path: 'points', message: 'a dispatched task is worth 5–20 points' }]))).toEqual({ points: '积分超出该类任务的范围' });
  });

  it('maps the fields the gateway lists, whatever the message says', () => {
    const err = new ApiError('VALIDATION', 'whatever', undefined, [{ path: 'input.placeId', message: "the place is not in the task's region" }]);
    expect(serverFieldErrors(err)).toEqual({ placeId: "the place is not in the task's region" });
  });

  it('maps nothing for other codes, a refusal naming no fields, or fields the form does not have', () => {
    expect(serverFieldErrors(new ApiError('FORBIDDEN', 'title: no', undefined, [{ path: 'title', message: 'no' }]))).toEqual({});
    expect(serverFieldErrors(new ApiError('VALIDATION', 'give near, bbox or region'))).toEqual({});
    // The text is for people: a message shaped like `path: message` without fields marks nothing.
    expect(serverFieldErrors(new ApiError('VALIDATION', 'title: Too big'))).toEqual({});
    expect(serverFieldErrors(new ApiError('VALIDATION', 'first: Too big', undefined, [{ path: 'first', message: 'Too big' }]))).toEqual({});
  });
});
