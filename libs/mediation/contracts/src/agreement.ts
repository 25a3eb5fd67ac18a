/** Agreements (人民调解协议书), judicial confirmation (司法确认) and follow-ups (回访、履行跟踪). */
import { idSchema as id } from '@gov/kernel';
import { z } from 'zod';
import { isoDate, nullish, text } from './common.js';

/** Days after an agreement takes effect within which the parties may jointly apply for judicial confirmation (人民调解法 第三十三条). */
export const CONFIRMATION_WINDOW_DAYS = 30;
/** Reminders go out this many days before the window closes. */
export const CONFIRMATION_REMINDER_DAYS = [7, 2] as const;

export const AGREEMENT_TEMPLATES = ['general', 'payment', 'neighbours', 'labour_injury', 'marriage_family'] as const;
export type AgreementTemplate = (typeof AGREEMENT_TEMPLATES)[number];

export const InstalmentInput = z.object({ dueOn: isoDate, amountFen: z.number().int().min(1).max(1e13) });

export const DraftAgreementInput = z.object({
  caseId: id,
  template: z.enum(AGREEMENT_TEMPLATES),
  /** 纠纷事实: what happened, as the parties agree it. */
  facts: text(4000),
  /** 协议内容: each term one item. */
  terms: z.array(text(1000)).min(1).max(20),
  /** 履行方式: how it is performed, e.g. 银行转账. */
  performanceMethod: text(200),
  /** 履行期限: by when everything is performed. */
  performanceDeadline: isoDate,
  /** For a payment agreement: the instalments (tracked as follow-ups once agreed). */
  instalments: z.array(InstalmentInput).max(60).default([]),
});
export type DraftAgreementInput = z.input<typeof DraftAgreementInput>;

export const AcceptAgreementInput = z.object({
  caseId: id,
  partyId: id,
  /** The version the party read; a newer draft makes the acceptance stale (CONFLICT WRONG_STATE). */
  version: z.number().int().min(1),
});
export const RequestConfirmationInput = z.object({
  caseId: id,
  /** The people's court the joint application goes to, e.g. 东宝区人民法院. */
  court: text(60),
});
export const AgreementDocumentInput = z.object({ caseId: id, format: z.enum(['html', 'pdf']).default('html') });

export const FOLLOW_UP_KINDS = ['visit', 'payment'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export const ScheduleFollowUpInput = z.object({
  caseId: id,
  kind: z.enum(FOLLOW_UP_KINDS),
  dueOn: isoDate,
  amountFen: nullish(z.number().int().min(1).max(1e13)),
  note: nullish(text(500)),
});
export const RecordFollowUpInput = z.object({
  id,
  /** Visit made / instalment paid in full. */
  done: z.boolean(),
  paidFen: nullish(z.number().int().min(0).max(1e13)),
  note: text(1000),
});
export const ListFollowUpsInput = z.object({ caseId: id });

export interface AgreementTemplateView {
  key: AgreementTemplate;
  titleZh: string;
  /** Terms a mediator starts from. */
  suggestedTerms: string[];
}

export interface AgreementView {
  caseId: string;
  version: number;
  template: AgreementTemplate;
  facts: string;
  terms: string[];
  performanceMethod: string;
  performanceDeadline: string;
  instalments: { dueOn: string; amountFen: number }[];
  draftedAt: string;
  draftedBy: string;
  acceptances: { partyId: string; partyName: string; acceptedAt: string }[];
  /** Every party accepted this version: the agreement is in effect. */
  effective: boolean;
}

export interface AgreementDocumentView {
  caseId: string;
  version: number;
  format: 'html' | 'pdf';
  contentType: string;
  /** HTML text, or the PDF as base64. */
  content: string;
}

export interface FollowUpView {
  id: string;
  caseId: string;
  kind: FollowUpKind;
  dueOn: string;
  amountFen: number | null;
  paidFen: number | null;
  done: boolean | null;
  note: string | null;
  recordedAt: string | null;
  overdue: boolean;
}
