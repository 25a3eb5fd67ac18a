/**
 * Building QR codes (码上议): the code on a building's door opens the request form bound to that
 * building. The token in the code is the credential: resolving it needs no sign-in.
 *
 * Token: `<base64url(building id, 16 bytes)>.<version>.<base64url(HMAC-SHA256(QR_SIGNING_KEY, …), first 16 bytes)>`.
 * Rotating a building's code bumps its version, which revokes every older token of it.
 */
import { idSchema as id } from '@gov/kernel';
import { z } from 'zod';

/** Longest token accepted before parsing (a real one is about 50 characters). */
export const QR_TOKEN_MAX_LENGTH = 120;
/**
 * Buildings one printable sheet may hold. Each code is about 2.5 KB of SVG, and the sheet travels
 * as one NATS reply (1 MB at most): a node with more buildings is printed per grid or compound.
 */
export const QR_SHEET_MAX_BUILDINGS = 200;

/**
 * Reasons (`AppError.reason`) of refused tokens; none of them changes anything.
 * - `QR_MALFORMED` (VALIDATION): not a building-QR token at all (wrong shape or encoding);
 * - `QR_FORGED` (NOT_FOUND): shaped like one, but the signature does not verify (forged, or any
 *   part of it altered, e.g. the building id);
 * - `QR_REVOKED` (NOT_FOUND): signed by us, but no longer valid: the building's code was rotated
 *   since (an older version), or the building was archived or is gone.
 * A sheet of a node with more than QR_SHEET_MAX_BUILDINGS buildings answers `QR_SHEET_TOO_LARGE` (VALIDATION).
 */
export const QrErrorReason = {
  malformed: 'QR_MALFORMED',
  forged: 'QR_FORGED',
  revoked: 'QR_REVOKED',
  sheetTooLarge: 'QR_SHEET_TOO_LARGE',
} as const;

export const BuildingQrInput = z.object({ buildingId: id });
export const RotateBuildingQrInput = z.object({ buildingId: id });
export const ResolveQrInput = z.object({ token: z.string().trim().min(1).max(QR_TOKEN_MAX_LENGTH) });
export const QrSheetInput = z.object({ regionId: id });

export type BuildingQrInput = z.infer<typeof BuildingQrInput>;
export type RotateBuildingQrInput = z.infer<typeof RotateBuildingQrInput>;
export type ResolveQrInput = z.infer<typeof ResolveQrInput>;
export type QrSheetInput = z.infer<typeof QrSheetInput>;

/** A building's current code, for staff (who print it). */
export interface BuildingQrView {
  buildingId: string;
  buildingName: string;
  /** What the code opens: QR_BASE_URL with `?t=<token>`. */
  url: string;
  token: string;
  version: number;
  issuedAt: string;
  /** The code as an SVG document (scales to any print size). */
  svg: string;
  /** The code as a PNG data URL (`data:image/png;base64,…`). */
  png: string;
}

/** A node of the tree as an anonymous scanner sees it. */
export interface QrPlaceView {
  id: string;
  name: string;
  path: string;
}

/** One person answering for the building's spot, as anyone may see it: no ids, no phone numbers. */
export interface QrTeamMemberView {
  name: string;
  /** The layer's staff role, e.g. grid_worker. */
  role: string;
  /** e.g. 网格员, 社区民警. */
  titleZh: string;
  layerKey: string;
  layerNameZh: string;
  /** The grid of that layer the building lies in. */
  gridName: string | null;
}

/** What a scanned code resolves to: the building, where it lies, and who answers for it. */
export interface QrResolutionView {
  building: QrPlaceView;
  /** The grid-level node above the building (综合网格). */
  grid: QrPlaceView | null;
  /** The compound or village group, when the building stands in one. */
  compound: QrPlaceView | null;
  community: QrPlaceView | null;
  /** Every layer's staff at the building's location (empty when the building has no location). */
  team: QrTeamMemberView[];
  version: number;
}

/** A printable A4 page set (2 × 4 codes a page) of every building under a node. */
export interface QrSheetView {
  regionId: string;
  /** Codes on the sheet. */
  buildings: number;
  /** A whole HTML document with print CSS. */
  html: string;
}
