/** What the tasks service answers with: plain serialisable views. */
import type { ClaimStatus, EmergencyType, TaskKind, TaskStatus } from './inputs.js';

export interface TaskView {
  id: string;
  kind: TaskKind;
  emergencyType: EmergencyType | null;
  title: string;
  description: string;
  region: string;
  location: { lat: number; lng: number };
  placeId: string | null;
  checkinRadiusM: number;
  points: number;
  capacity: number;
  claimed: number;
  requiredClasses: number[];
  deadline: string;
  status: TaskStatus;
  /** Person who published it. */
  publishedBy: string;
  /** The petition (诉求) it was published for, when a handler asked for a task for one. */
  sourcePetitionId: string | null;
  /** The deliberation meeting's decision (议事会决定) it was published for, when the decision asked for a task. */
  sourceDecisionId: string | null;
  createdAt: string;
  /** Metres from the search point, in a search near a point. */
  distanceM: number | null;
}

export interface ClaimView {
  id: string;
  taskId: string;
  stewardId: string;
  status: ClaimStatus;
  claimedAt: string;
  checkedInAt: string | null;
  checkinDistanceM: number | null;
  submittedAt: string | null;
  note: string | null;
  photos: string[];
  decidedAt: string | null;
  rejectionReason: string | null;
  rating: number | null;
  /** Points the verification posted (after the daily cap), null before. */
  pointsAwarded: number | null;
}

export interface DutySummaryView {
  stewardId: string;
  year: number;
  count: number;
  target: number;
  days: string[];
}

export interface PointsView {
  stewardId: string;
  balance: number;
  /** Task points earned this calendar year, against the 1,000-point annual load. */
  yearEarned: number;
  annualTarget: number;
  todayEarned: number;
  dailyCap: number;
}

export interface LedgerEntryView {
  /** The ledger transaction. */
  txnId: string;
  at: string;
  amount: number;
  sourceType: 'task_completion' | 'rating_bonus' | 'redemption' | 'redemption_refund' | 'manual_adjustment';
  sourceId: string;
  memo: string;
  reason: string | null;
}

export interface AdjustmentView {
  id: string;
  stewardId: string;
  amount: number;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
}
