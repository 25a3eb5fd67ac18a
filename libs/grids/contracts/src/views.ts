/** What the grids service answers with: plain serialisable views. */
export interface RegionView {
  id: string;
  name: string;
  region: string;
  /** Account that created it. */
  createdBy: string;
  createdAt: string;
}
