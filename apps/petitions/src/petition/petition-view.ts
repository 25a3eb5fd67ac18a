import type { AttachmentView, Level, PetitionView, PublicPetitionView, TimelineEntryView } from '@gov/petitions-contracts';
import type { AttachmentRecord, PetitionRecord, TimelineRecord } from '@gov/petitions-data-access';
import { OPEN_STATES } from '@gov/petitions-contracts';

/** Chinese labels of timeline actions as residents read them. */
const ACTION_LABELS_ZH: Record<string, string> = {
  submitted: '已受理',
  screened: '已甄别',
  merged: '与同类诉求合并办理',
  invalid: '经核实不予受理',
  not_responsible: '不属本平台职责，已告知',
  referred: '已转交相关渠道',
  assigned: '已交办',
  accepted: '承办人已接单',
  started: '正在办理',
  escalated: '已升级办理',
  supervised: '已督办',
  resolved: '已办结',
  rated: '已评价',
  reopened: '重新办理',
  closed: '已结案',
  auto_closed: '已结案',
  whistle: '社区吹哨，部门报到',
  whistle_acknowledged: '部门已报到',
  task_requested: '已派发志愿任务',
  mediation_requested: '已转人民调解',
  linked: '已关联',
};
const LEVEL_LABELS_ZH: Record<Level, string> = { grid: '网格', community: '社区', street: '街道', department: '职能部门' };
/** Actions residents see on the public page; staff notes and contact unmasking stay internal. */
const PUBLIC_ACTIONS = new Set(Object.keys(ACTION_LABELS_ZH));

export function attachmentView(a: AttachmentRecord): AttachmentView {
  return { id: a.id, contentType: a.contentType, bytes: a.bytes, url: `/attachments/${a.id}` };
}

export function isOverdue(p: PetitionRecord, now = new Date()): boolean {
  return OPEN_STATES.includes(p.state) && p.deadline.getTime() < now.getTime();
}

export function petitionView(p: PetitionRecord, attachments: readonly AttachmentRecord[] = []): PetitionView {
  return {
    id: p.id,
    trackingCode: p.trackingCode,
    channel: p.channel,
    state: p.state,
    category: p.categoryKey,
    categoryNameZh: p.categoryNameZh,
    majorCategory: p.majorKey,
    categoryVersion: p.categoryVersion,
    title: p.title,
    description: p.description,
    region: p.region,
    buildingId: p.buildingId,
    buildingName: p.buildingName,
    location: p.lat !== null && p.lng !== null ? { lat: p.lat, lng: p.lng } : null,
    sixPrevention: p.sixPrevention,
    anonymous: p.anonymous,
    contactMasked: p.contactMasked,
    priority: p.priority,
    assignee: p.level && p.assigneeRegion ? { level: p.level, region: p.assigneeRegion, departmentId: p.departmentId, departmentName: p.departmentName } : null,
    levelDeadline: p.levelDeadline?.toISOString() ?? null,
    deadline: p.deadline.toISOString(),
    overdue: isOverdue(p),
    escalations: p.escalations,
    supervised: p.supervised,
    clusterId: p.clusterId,
    duplicateOf: p.duplicateOf,
    clusterSize: p.clusterSize,
    result: p.result,
    resolvedAt: p.resolvedAt?.toISOString() ?? null,
    rating: p.rating,
    ratingComment: p.ratingComment,
    reopenCount: p.reopenCount,
    taskId: p.taskId,
    mediationCaseId: p.mediationCaseId,
    attachments: attachments.filter((a) => a.petitionId === p.id && a.purpose === 'report').map(attachmentView),
    evidence: attachments.filter((a) => a.petitionId === p.id && a.purpose === 'evidence').map(attachmentView),
    submittedBy: p.submittedBy,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    closedAt: p.closedAt?.toISOString() ?? null,
  };
}

export function publicView(p: PetitionRecord, timeline: readonly TimelineRecord[]): PublicPetitionView {
  return {
    trackingCode: p.trackingCode,
    state: p.state,
    channel: p.channel,
    category: p.categoryKey,
    categoryNameZh: p.categoryNameZh,
    title: p.title,
    description: p.description,
    buildingName: p.buildingName,
    level: p.level,
    handlerName: p.level === 'department' ? p.departmentName : p.level ? LEVEL_LABELS_ZH[p.level] : null,
    deadline: p.deadline.toISOString(),
    result: p.result,
    resolvedAt: p.resolvedAt?.toISOString() ?? null,
    rating: p.rating,
    createdAt: p.createdAt.toISOString(),
    steps: timeline.filter((t) => PUBLIC_ACTIONS.has(t.action)).map((t) => ({ at: t.at.toISOString(), action: t.action, labelZh: ACTION_LABELS_ZH[t.action]! })),
  };
}

export function timelineView(t: TimelineRecord): TimelineEntryView {
  return {
    seq: t.seq,
    at: t.at.toISOString(),
    action: t.action,
    fromState: t.fromState,
    toState: t.toState,
    actorAccountId: t.actorAccountId,
    actorLabel: t.actorLabel,
    level: t.level,
    note: t.note,
  };
}
