/** Chinese labels of the tasks service's enums, as stewards and staff call them. */
import type { ClaimStatus, EmergencyType, RankingScope, TaskKind, TaskStatus, UnitTier } from '../../api/schema-types.js';

export const TASK_KIND_NAMES: Record<TaskKind, string> = {
  annual_duty: '年度任务',
  dispatched: '派单任务',
  emergency: '应急任务',
  micro_wish: '微心愿',
};

export const TASK_STATUS_NAMES: Record<TaskStatus, string> = {
  published: '进行中',
  closed: '已完成',
  cancelled: '已取消',
  expired: '已过期',
};

export const CLAIM_STATUS_NAMES: Record<ClaimStatus, string> = {
  claimed: '已认领',
  checked_in: '已签到',
  submitted: '待核验',
  verified: '已核验',
  rejected: '已驳回',
  withdrawn: '已退出',
  expired: '已过期',
};

export const EMERGENCY_NAMES: Record<EmergencyType, string> = {
  epidemic: '疫情',
  flood: '防汛',
  fire: '火灾',
  earthquake: '地震',
};

export const SCOPE_NAMES: Record<RankingScope, string> = {
  COMMUNITY: '社区内',
  CLASS: '同号段',
  UNIT: '单位内',
};

export const TIER_NAMES: Record<UnitTier, string> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};
