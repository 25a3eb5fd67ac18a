/** What the petitions service answers with: plain serialisable views. */
export interface PetitionView {
  id: string;
  name: string;
  region: string;
  /** Account that created it. */
  createdBy: string;
  createdAt: string;
}
