/** Mediation sessions (调解会): in person or online, scheduled, then recorded with attendance and notes. */
import { idSchema as id } from '@gov/kernel';
import { z } from 'zod';
import { instant, nullish, text } from './common.js';

export const SESSION_MODES = ['in_person', 'online'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];
export const SESSION_STATES = ['scheduled', 'held', 'cancelled'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const ScheduleSessionInput = z.object({
  caseId: id,
  mode: z.enum(SESSION_MODES),
  startsAt: instant,
  /** In person: the room, e.g. 龙泉街道调解室. */
  place: nullish(text(120)),
  /** Online: the video meeting link (https). */
  meetingLink: nullish(z.url({ protocol: /^https$/ }).max(500)),
});
export const RecordSessionInput = z.object({
  sessionId: id,
  /** false: the session did not take place (cancelled). */
  held: z.boolean().default(true),
  /** Party ids present. */
  attendedPartyIds: z.array(id).max(10).default([]),
  notes: text(4000),
});
export const ListSessionsInput = z.object({ caseId: id });

export interface SessionView {
  id: string;
  caseId: string;
  seq: number;
  mode: SessionMode;
  startsAt: string;
  place: string | null;
  meetingLink: string | null;
  state: SessionState;
  attendedPartyIds: string[];
  notes: string | null;
  recordedAt: string | null;
  recordedBy: string | null;
}
