/**
 * What residents read: a Chinese sentence for every refusal the gateway answers (by
 * `extensions.reason`, else `extensions.code`), and the Chinese names of states and levels.
 */
import { NETWORK, type ApiError, type FieldProblem } from './api.js';
import { LIMITS, type FormField } from './validation.js';

/** Refusals by reason: the QR code's (grids) and the petitions service's (PetitionRefusal). */
const BY_REASON: Record<string, string> = {
  QR_MALFORMED: '二维码内容不完整，无法识别。请对准楼栋门口的二维码重新扫描。',
  QR_FORGED: '这个二维码不是本平台发放的，无法使用。请扫描楼栋门口张贴的二维码。',
  QR_REVOKED: '这个二维码已经失效（楼栋已换发新码）。请扫描楼栋门口最新张贴的二维码。',
  UNKNOWN_CATEGORY: '所选问题类型不存在，请重新选择。',
  CATEGORY_RETIRED: '所选问题类型已停用，请重新选择。',
  ANONYMOUS_NOT_ALLOWED: '这类问题需要留下姓名和联系电话，不能匿名提交。',
  CONTACT_NEEDED: '请填写姓名和联系电话，或选择允许匿名的问题类型后匿名提交。',
  NO_PLACE: '无法确定问题发生的位置，请重新扫描楼栋二维码后提交。',
  OUTSIDE_TERRITORY: '该楼栋不在本平台的服务范围内。',
  ATTACHMENT_MISSING: '照片没有上传成功，请删除后重新添加照片再提交。',
  ATTACHMENT_NOT_IMAGE: '照片格式不支持，请选择 JPG、PNG 或 WebP 格式的图片。',
  ATTACHMENT_TOO_LARGE: '照片太大，请换一张较小的照片。',
  TOO_MANY_UPLOADS: '上传照片的次数太多了，请过几分钟再试。',
  NOT_THE_SUBMITTER: '只有提交人本人才能评价。请在提交诉求时使用的手机浏览器中打开。',
  ALREADY_RATED: '这条诉求已经评价过了，感谢您的反馈。',
  WRONG_STATE: '诉求的状态已经变化，暂时不能进行这个操作。请刷新查看最新进度。',
  TIMEOUT: '网络太慢，请求超时了。请换到信号好的地方再试。',
  // The gateway's query limits refuse what this page itself asked: a fault of the page, not the resident's.
  TOO_MANY_OPERATIONS: '系统出了点问题，请稍后再试。',
  QUERY_TOO_COSTLY: '系统出了点问题，请稍后再试。',
};

const BY_CODE: Record<string, string> = {
  VALIDATION: '填写的内容有误，请检查后再提交。',
  NOT_FOUND: '没有找到相关信息。',
  CONFLICT: '诉求的状态已经变化，请刷新查看最新进度。',
  UNAUTHENTICATED: '登录状态已失效，请刷新页面后再试。',
  FORBIDDEN: '您没有权限进行这个操作。',
  UNAVAILABLE: '服务暂时繁忙，请稍后再试。',
  INTERNAL: '系统出了点问题，请稍后再试。',
  [NETWORK]: '网络连接失败，请检查网络后重试。',
};

/** The sentence for a refusal; `notFound` says what was missing where the page knows better. */
export function sentenceFor(error: Pick<ApiError, 'code' | 'reason'>, context: { notFound?: string } = {}): string {
  if (error.reason && BY_REASON[error.reason]) return BY_REASON[error.reason]!;
  if (error.code === 'NOT_FOUND' && context.notFound) return context.notFound;
  return BY_CODE[error.code] ?? BY_CODE.INTERNAL!;
}

const FIELD_OF_PATH: Record<string, FormField> = {
  category: 'category',
  title: 'title',
  description: 'description',
  attachmentIds: 'photos',
  contact: 'name',
  'contact.name': 'name',
  'contact.phone': 'phone',
};

const FIELD_SENTENCES: Record<FormField, string> = {
  category: '请重新选择问题类型。',
  title: `标题填写有误（最多 ${LIMITS.title} 字）。`,
  description: `问题描述填写有误（1 到 ${LIMITS.description} 字）。`,
  photos: '照片有误，请删除后重新添加。',
  name: `姓名填写有误（最多 ${LIMITS.name} 字）。`,
  phone: '联系电话格式不对：请填写 11 位手机号，或带区号的座机号。',
};

/**
 * The service's per-field problems (VALIDATION `extensions.fields`) on the form's fields; the
 * service words them in English, so each field gets its own Chinese sentence.
 */
export function fieldSentences(fields: FieldProblem[]): Partial<Record<FormField, string>> {
  const out: Partial<Record<FormField, string>> = {};
  for (const f of fields) {
    const field = FIELD_OF_PATH[f.path] ?? FIELD_OF_PATH[f.path.split('.')[0]!];
    if (field) out[field] = FIELD_SENTENCES[field];
  }
  return out;
}

/** Petition states as residents read them (发现—甄别—交办—办理—督办—评价). */
const STATES: Record<string, string> = {
  submitted: '待甄别',
  screened: '已甄别',
  assigned: '已交办',
  accepted: '办理中',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已结案',
  merged: '已合并办理',
  invalid: '不予受理',
  not_responsible: '不属于受理范围',
  referred: '已转其他渠道办理',
};

/** A sentence under the state saying what happens next. */
const STATE_HINTS: Record<string, string> = {
  submitted: '网格员将尽快核实您反映的问题。',
  screened: '问题已核实，正在安排办理。',
  assigned: '已交给负责的工作人员办理。',
  accepted: '工作人员正在办理。',
  in_progress: '工作人员正在办理。',
  resolved: '问题已办结，请对办理结果进行评价。',
  closed: '感谢您的参与。',
  merged: '与其他居民反映的同一问题合并办理，结果一并公示。',
};

export const stateLabel = (state: string): string => STATES[state] ?? state;
export const stateHint = (state: string): string | undefined => STATE_HINTS[state];

const LEVELS: Record<string, string> = { grid: '网格', community: '社区', street: '街道', department: '职能部门' };
export const levelLabel = (level: string): string => LEVELS[level] ?? level;

const RATING_WORDS = ['', '非常不满意', '不满意', '基本满意', '满意', '非常满意'];
/** e.g. 5 → 非常满意. */
export const ratingWord = (rating: number): string => RATING_WORDS[rating] ?? '';
