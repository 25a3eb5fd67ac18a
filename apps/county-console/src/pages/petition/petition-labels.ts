/**
 * Chinese names of the petition workflow's states, channels, levels and timeline actions, shared by
 * the queue and the petition page. Unknown values (a newer gateway) fall back to the raw value.
 */
import type { Channel, Level, PetitionState } from '../../api/schema-types.js';

export const STATE_LABELS: Record<PetitionState, string> = {
  submitted: '待甄别',
  screened: '待交办',
  assigned: '已交办',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  closed: '已关闭',
  merged: '已合并',
  invalid: '无效诉求',
  not_responsible: '非职责范围',
  referred: '已转办',
};

/** In workflow order: the order the state filter lists them in. */
export const PETITION_STATES: readonly PetitionState[] = ['submitted', 'screened', 'assigned', 'accepted', 'in_progress', 'resolved', 'closed', 'merged', 'invalid', 'not_responsible', 'referred'];

/** States still waiting for someone to act (未办结). */
export const OPEN_STATES: readonly PetitionState[] = ['submitted', 'screened', 'assigned', 'accepted', 'in_progress'];

export const CHANNEL_LABELS: Record<Channel, string> = {
  qr: '扫码上报',
  photo: '随手拍',
  hotline: '热线电话',
  door_knock: '入户走访',
  mailbox: '意见箱',
  sentinel: '哨兵上报',
  steward_app: '红色管家',
};

export const CHANNELS: readonly Channel[] = ['qr', 'photo', 'hotline', 'door_knock', 'mailbox', 'sentinel', 'steward_app'];

export const LEVEL_LABELS: Record<Level, string> = {
  grid: '网格',
  community: '社区',
  street: '街道',
  department: '职能部门',
};

/** Timeline actions as the petitions service records them. */
export const TIMELINE_ACTION_LABELS: Record<string, string> = {
  submitted: '提交',
  screened: '甄别通过',
  merged: '合并为重复诉求',
  invalid: '甄别为无效',
  not_responsible: '甄别为非职责',
  referred: '甄别为转办',
  assigned: '交办',
  accepted: '受理',
  started: '开始办理',
  resolved: '办结',
  rated: '评价',
  closed: '关闭',
  auto_closed: '自动关闭',
  reopened: '督办重办',
  escalated: '超时上提',
  supervised: '督办',
  whistle: '吹哨',
  whistle_acknowledged: '部门报到',
  task_requested: '转为志愿任务',
  mediation_requested: '转为矛盾调解',
  linked: '关联',
};

export const stateLabel = (s: string): string => STATE_LABELS[s as PetitionState] ?? s;
export const channelLabel = (c: string): string => CHANNEL_LABELS[c as Channel] ?? c;
export const levelLabel = (l: string): string => LEVEL_LABELS[l as Level] ?? l;
export const timelineActionLabel = (a: string): string => TIMELINE_ACTION_LABELS[a] ?? a;
