/** What the mediation service answers with: plain serialisable views. */
export interface MediationCaseView {
  id: string;
  name: string;
  region: string;
  /** Account that created it. */
  createdBy: string;
  createdAt: string;
}
