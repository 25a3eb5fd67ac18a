/** 社区吹哨、部门报到: a community summons a department, which must report within a limit. */
import { idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';

export const WHISTLE_URGENCIES = ['normal', 'urgent'] as const;
export type WhistleUrgency = (typeof WHISTLE_URGENCIES)[number];
/** Hours a summoned department has to acknowledge (report for duty). */
export const WHISTLE_ACK_HOURS: Record<WhistleUrgency, number> = { normal: 24, urgent: 2 };

export const BlowWhistleInput = z.object({
  petitionId: id,
  departmentId: id,
  urgency: z.enum(WHISTLE_URGENCIES).default('normal'),
  reason: z.string().trim().min(1).max(500),
});
export const AcknowledgeWhistleInput = z.object({ id, note: z.string().trim().max(500).nullish() });
export const ListWhistlesInput = z.object({
  region: regionPath.nullish(),
  open: z.boolean().nullish(),
  first,
});

export interface WhistleView {
  id: string;
  petitionId: string;
  community: string;
  departmentId: string;
  departmentName: string;
  urgency: WhistleUrgency;
  reason: string;
  blownAt: string;
  blownBy: string;
  ackDeadline: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** Acknowledged after the deadline, or still not at all past it. */
  late: boolean;
}
