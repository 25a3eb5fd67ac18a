import type { Category } from './operations.js';
import { LIMITS, normalizeTrackingCode, submitInput, validateDraft, validateRating, type PetitionDraft } from './validation.js';

const corridor: Category = { key: 'property.corridor_clutter', nameZh: '楼道堆物', anonymousAllowed: true };
const feeDispute: Category = { key: 'property.fee_dispute', nameZh: '物业收费争议', anonymousAllowed: false };
const draft = (over: Partial<PetitionDraft> = {}): PetitionDraft => ({
  category: corridor.key,
  title: '',
  description: '三楼楼道堆满纸箱，挡住了消防通道。',
  anonymous: false,
  name: '张三',
  phone: '138 0013 8000',
  photos: 0,
  ...over,
});

describe('the petition form', () => {
  it('lets a complete draft through and sends it as a QR petition with the contact as typed, spaces removed', () => {
    expect(validateDraft(draft(), corridor)).toEqual({});
    expect(submitInput(draft({ title: '  ' }), corridor, 'qr-token', ['a1'])).toEqual({
      channel: 'qr',
      category: 'property.corridor_clutter',
      title: null,
      description: '三楼楼道堆满纸箱，挡住了消防通道。',
      qrToken: 'qr-token',
      anonymous: false,
      contact: { name: '张三', phone: '13800138000' },
      attachmentIds: ['a1'],
    });
  });

  it('asks for a category, a description, a name and a phone when they are missing', () => {
    const problems = validateDraft(draft({ category: '', description: '   ', name: '', phone: '' }), undefined);
    expect(problems.category).toContain('请选择问题类型');
    expect(problems.description).toBe('请填写问题描述。');
    expect(problems.name).toContain('请填写您的姓名');
    expect(problems.phone).toContain('请填写联系电话');
  });

  it(`says how long the description is when it exceeds ${LIMITS.description} characters`, () => {
    const problems = validateDraft(draft({ description: '堆'.repeat(LIMITS.description + 1) }), corridor);
    expect(problems.description).toBe(`问题描述最多 ${LIMITS.description} 字，现在有 ${LIMITS.description + 1} 字。`);
    expect(validateDraft(draft({ description: '堆'.repeat(LIMITS.description) }), corridor)).toEqual({});
  });

  it('refuses a title over the limit and more photos than the page takes', () => {
    const problems = validateDraft(draft({ title: '题'.repeat(LIMITS.title + 1), photos: LIMITS.photos + 1 }), corridor);
    expect(problems.title).toContain(`${LIMITS.title}`);
    expect(problems.photos).toBe(`最多上传 ${LIMITS.photos} 张照片。`);
  });

  it('takes mobile numbers and landlines with their area code, and explains a wrong number', () => {
    expect(validateDraft(draft({ phone: '0724-2345678' }), corridor)).toEqual({});
    expect(validateDraft(draft({ phone: '07242345678' }), corridor)).toEqual({});
    expect(validateDraft(draft({ phone: '1380013800' }), corridor).phone).toContain('11 位手机号');
    expect(validateDraft(draft({ phone: '23800138000' }), corridor).phone).toContain('11 位手机号');
  });

  it('needs no contact when an anonymous petition is allowed, and sends none', () => {
    const anonymous = draft({ anonymous: true, name: '', phone: '' });
    expect(validateDraft(anonymous, corridor)).toEqual({});
    expect(submitInput(anonymous, corridor, 't', [])).toMatchObject({ anonymous: true, contact: null });
  });

  it('refuses anonymity for a category that needs the resident, and never sends it as anonymous', () => {
    const anonymous = draft({ category: feeDispute.key, anonymous: true });
    expect(validateDraft(anonymous, feeDispute).name).toBe('这类问题需要留下姓名和联系电话，不能匿名提交。');
    expect(submitInput(anonymous, feeDispute, 't', [])).toMatchObject({ anonymous: false, contact: { name: '张三', phone: '13800138000' } });
  });
});

describe('tracking codes as residents type them', () => {
  it('accepts any case, spaces and dashes', () => {
    expect(normalizeTrackingCode('abcd-efgh-2345')).toBe('ABCD-EFGH-2345');
    expect(normalizeTrackingCode(' ABCD EFGH 2345 ')).toBe('ABCD-EFGH-2345');
    expect(normalizeTrackingCode('abcdefgh2345')).toBe('ABCD-EFGH-2345');
  });

  it('rejects what cannot be a code', () => {
    expect(normalizeTrackingCode('ABCD-EFGH-234')).toBeNull();
    expect(normalizeTrackingCode('ABCD-EFGH-23456')).toBeNull();
    expect(normalizeTrackingCode('')).toBeNull();
  });
});

describe('a rating', () => {
  it('needs a star count of 1 to 5 and a comment within the limit', () => {
    expect(validateRating(null, '')).toBe('请点选 1 到 5 颗星。');
    expect(validateRating(0, '')).toBe('请点选 1 到 5 颗星。');
    expect(validateRating(6, '')).toBe('请点选 1 到 5 颗星。');
    expect(validateRating(5, '评'.repeat(LIMITS.comment + 1))).toBe(`评价内容最多 ${LIMITS.comment} 字。`);
    expect(validateRating(5, '很快就清理了')).toBeNull();
  });
});
