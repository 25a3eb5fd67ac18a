/**
 * Chinese names of the mediation enums, as the schema's descriptions give them. Typed as complete
 * records over the generated enums, so a value the schema adds fails the typecheck instead of
 * showing a bare English code to a county leader.
 */
import type {
  AgreementTemplateKind,
  DisputeCategory,
  FollowUpKind,
  JudicialConfirmationState,
  MediationCaseOutcome,
  MediationCaseSource,
  MediationCaseState,
  MediationLevel,
  MediationMeetingKind,
  MediationMeetingState,
  MediationPartyRole,
  MediationRiskLevel,
  MediationSessionMode,
  MediationSessionState,
} from '../../api/schema-types.js';

export const CASE_STATE_NAMES: Record<MediationCaseState, string> = {
  opened: '已受理',
  assigned: '已指派',
  mediating: '调解中',
  agreed: '达成协议',
  closed: '已结案',
};
/** Lifecycle order, for the state filter. */
export const CASE_STATES: readonly MediationCaseState[] = ['opened', 'assigned', 'mediating', 'agreed', 'closed'];

export const LEVEL_NAMES: Record<MediationLevel, string> = { grid: '网格', community: '社区', street: '街道', county: '县级调处中心' };
export const LEVELS: readonly MediationLevel[] = ['grid', 'community', 'street', 'county'];

export const CATEGORY_NAMES: Record<DisputeCategory, string> = {
  neighbours: '邻里纠纷',
  land_boundary: '土地边界纠纷',
  marriage_family: '婚姻家庭纠纷',
  property_management: '物业纠纷',
  labour_injury: '劳动争议与工伤',
  consumer: '消费纠纷',
  other: '其他纠纷',
};
export const CATEGORIES = Object.keys(CATEGORY_NAMES) as DisputeCategory[];

export const OUTCOME_NAMES: Record<MediationCaseOutcome, string> = {
  performed: '履行完毕',
  referred_litigation: '转诉讼',
  referred_arbitration: '转仲裁',
  withdrawn: '申请人撤回',
  no_agreement: '调解不成',
};

export const SOURCE_NAMES: Record<MediationCaseSource, string> = { petition: '诉求转调解', walk_in: '来访', court_referral: '法院诉前委派', deliberation: '议事会' };
export const RISK_NAMES: Record<MediationRiskLevel, string> = { low: '低', medium: '中', high: '高' };
export const CONFIRMATION_NAMES: Record<JudicialConfirmationState, string> = { none: '未申请', requested: '已申请', confirmed: '已确认', rejected: '已驳回', lapsed: '逾期未申请' };
export const PARTY_ROLE_NAMES: Record<MediationPartyRole, string> = { applicant: '申请人', respondent: '被申请人' };
export const SESSION_MODE_NAMES: Record<MediationSessionMode, string> = { in_person: '现场调解', online: '线上调解' };
export const SESSION_STATE_NAMES: Record<MediationSessionState, string> = { scheduled: '已安排', held: '已召开', cancelled: '未召开' };
export const FOLLOW_UP_KIND_NAMES: Record<FollowUpKind, string> = { visit: '回访', payment: '履行跟踪' };
export const MEETING_KIND_NAMES: Record<MediationMeetingKind, string> = { five_member: '五员议事', red_bench: '红板凳议事会', evening_talk: '村湾夜话', joint_committee: '大党委联席会' };
export const MEETING_STATE_NAMES: Record<MediationMeetingState, string> = { scheduled: '待召开', held: '已召开' };
export const TEMPLATE_NAMES: Record<AgreementTemplateKind, string> = { general: '通用', payment: '给付/分期付款', neighbours: '邻里纠纷', labour_injury: '劳动争议与工伤', marriage_family: '婚姻家庭' };

/** Timeline actions the mediation service writes (free text in the schema); an unknown one shows as written. */
const TIMELINE_ACTION_NAMES: Record<string, string> = {
  opened: '受理',
  police_alerted: '通报公安网格（民转刑风险）',
  assigned: '指派调解员',
  reassigned: '改派调解员',
  conflict_overridden: '回避事由例外指派',
  session_scheduled: '安排调解会',
  session_recorded: '记录调解会',
  party_updated: '更新当事人信息',
  agreement_drafted: '起草调解协议',
  agreement_accepted: '当事人签字确认',
  agreed: '达成协议',
  escalated: '上交上一级',
  closed: '结案',
  confirmation_requested: '申请司法确认',
  confirmation_reminded: '提醒申请司法确认',
  confirmation_confirmed: '司法确认通过',
  confirmation_rejected: '司法确认驳回',
  confirmation_lapsed: '司法确认逾期',
  follow_up_scheduled: '安排回访/履行跟踪',
  follow_up_recorded: '记录回访/履行情况',
  follow_up_overdue: '回访/履行逾期',
};

export function timelineActionName(action: string): string {
  return TIMELINE_ACTION_NAMES[action] ?? action;
}

/** A closed case's state reads with its outcome: 已结案（履行完毕）. */
export function caseStateLabel(state: MediationCaseState, outcome?: MediationCaseOutcome | null): string {
  return state === 'closed' && outcome ? `${CASE_STATE_NAMES.closed}（${OUTCOME_NAMES[outcome]}）` : CASE_STATE_NAMES[state];
}
