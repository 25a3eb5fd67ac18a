/**
 * The petition form's rules, checked in the browser before anything is sent (the same limits the
 * petitions service enforces: a refusal after a slow upload would cost the resident minutes).
 */
import type { Category, SubmitInput } from './operations.js';

export const LIMITS = {
  /** Characters of the description (诉求描述). */
  description: 2000,
  title: 60,
  name: 50,
  /** Photos a resident may attach on this page (the service takes more from staff apps). */
  photos: 3,
  /** Characters of a rating's comment. */
  comment: 500,
} as const;

/** A mobile number, or a landline with its area code (0724-1234567), as the service accepts. */
const PHONE = /^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/;
/** Tracking codes look like ABCD-EFGH-JKLM (letters and digits). */
export const TRACKING_CODE = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;
const TRACKING_CODE_CHARACTERS = 12;
const TRACKING_CODE_GROUP = 4;

export type FormField = 'category' | 'title' | 'description' | 'photos' | 'name' | 'phone';

export interface PetitionDraft {
  category: string;
  title: string;
  description: string;
  anonymous: boolean;
  name: string;
  phone: string;
  photos: number;
}

/** Problems of the draft, one Chinese sentence per field; empty when it may be sent. */
export function validateDraft(draft: PetitionDraft, category: Category | undefined): Partial<Record<FormField, string>> {
  const problems: Partial<Record<FormField, string>> = {};
  if (!draft.category) problems.category = '请选择问题类型（先选大类，再选小类）。';
  else if (!category) problems.category = '所选问题类型已不可用，请重新选择。';
  const description = draft.description.trim();
  if (!description) problems.description = '请填写问题描述。';
  else if (description.length > LIMITS.description) problems.description = `问题描述最多 ${LIMITS.description} 字，现在有 ${description.length} 字。`;
  if (draft.title.trim().length > LIMITS.title) problems.title = `标题最多 ${LIMITS.title} 字。`;
  if (draft.photos > LIMITS.photos) problems.photos = `最多上传 ${LIMITS.photos} 张照片。`;
  if (draft.anonymous && category && !category.anonymousAllowed) {
    problems.name = '这类问题需要留下姓名和联系电话，不能匿名提交。';
  } else if (!draft.anonymous || !category) {
    const name = draft.name.trim();
    if (!name) problems.name = '请填写您的姓名（或称呼）。';
    else if (name.length > LIMITS.name) problems.name = `姓名最多 ${LIMITS.name} 字。`;
    const phone = normalizePhone(draft.phone);
    if (!phone) problems.phone = '请填写联系电话，方便工作人员联系您。';
    else if (!PHONE.test(phone)) problems.phone = '联系电话格式不对：请填写 11 位手机号，或带区号的座机号（如 0724-1234567）。';
  }
  return problems;
}

/** Anonymity counts only where the category allows it: the form offers the box only there. */
export function isAnonymous(draft: PetitionDraft, category: Category | undefined): boolean {
  return draft.anonymous && Boolean(category?.anonymousAllowed);
}

/** The submitPetition input for a valid draft from a building's code. */
export function submitInput(draft: PetitionDraft, category: Category | undefined, qrToken: string, attachmentIds: string[]): SubmitInput {
  const anonymous = isAnonymous(draft, category);
  const title = draft.title.trim();
  return {
    channel: 'qr',
    category: draft.category,
    title: title || null,
    description: draft.description.trim(),
    qrToken,
    anonymous,
    contact: anonymous ? null : { name: draft.name.trim(), phone: normalizePhone(draft.phone) },
    attachmentIds,
  };
}

/** Spaces people type into numbers (138 0013 8000) go; a landline's dash stays. */
export function normalizePhone(input: string): string {
  return input.replace(/[\s\u3000]/g, '');
}

/**
 * A typed tracking code in the service's form (ABCD-EFGH-JKLM): case, spaces and dashes as the
 * resident typed them do not matter. Null when it cannot be one.
 */
export function normalizeTrackingCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (chars.length !== TRACKING_CODE_CHARACTERS) return null;
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += TRACKING_CODE_GROUP) groups.push(chars.slice(i, i + TRACKING_CODE_GROUP));
  const code = groups.join('-');
  return TRACKING_CODE.test(code) ? code : null;
}

/** A rating's problems: whole stars 1–5, a comment of at most LIMITS.comment characters. */
export function validateRating(rating: number | null, comment: string): string | null {
  if (rating === null || !Number.isInteger(rating) || rating < 1 || rating > MAX_RATING) return '请点选 1 到 5 颗星。';
  if (comment.trim().length > LIMITS.comment) return `评价内容最多 ${LIMITS.comment} 字。`;
  return null;
}

export const MAX_RATING = 5;
/** Ratings below this reopen the petition (the service's MIN_SATISFIED_RATING). */
export const MIN_SATISFIED_RATING = 3;
