import { ADMIN_ROLES, AppError, actorCan, notFound, type Actor, type RoleName } from '@gov/kernel';
import {
  GridsEvents,
  QR_SHEET_MAX_BUILDINGS,
  QrErrorReason,
  type BuildingQrInput,
  type BuildingQrView,
  type QrPlaceView,
  type QrResolutionView,
  type QrSheetInput,
  type QrSheetView,
  type QrTeamMemberView,
  type ResolveQrInput,
  type RotateBuildingQrInput,
} from '@gov/grids-contracts';
import { BuildingQrRepository, RegionRepository, type BuildingQrRecord, type QrAncestor, type RegionRecord } from '@gov/grids-data-access';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { QrSettings } from '../config.js';
import { LayerService } from '../layer/layer.service.js';
import { qrPngDataUrl, qrSvg } from './qr-image.js';
import { renderSheet } from './qr-sheet.js';
import { QrTokenErrors, QrTokenSigner } from './qr-token.js';

export const QR_SETTINGS = Symbol('QR_SETTINGS');

/** Who may print and rotate a building's code: admins of its region or above, and its grid workers. */
export const QR_STAFF_ROLES: readonly RoleName[] = [...ADMIN_ROLES, 'grid_worker'];

/**
 * Building QR codes (码上议). Staff get and rotate a building's code and print sheets of them;
 * anyone holding a code resolves it to the building, its grid and the people answering for it.
 */
@Injectable()
export class QrService {
  private readonly signer: QrTokenSigner;

  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly regions: RegionRepository,
    private readonly codes: BuildingQrRepository,
    private readonly layers: LayerService,
    @Inject(QR_SETTINGS) private readonly settings: QrSettings,
  ) {
    this.signer = new QrTokenSigner(settings.signingKey);
  }

  /** The building's current code, issuing version 1 the first time. */
  async buildingQr(actor: Actor | null, { buildingId }: BuildingQrInput): Promise<BuildingQrView> {
    const a = requireActor(actor);
    const building = await this.staffBuilding(a, buildingId);
    const code = await this.codes.ensure(this.em, building.id, a.accountId);
    return this.view(building, code);
  }

  /** A new version of the building's code; every older token of it is refused from the commit on. */
  async rotate(actor: Actor | null, { buildingId }: RotateBuildingQrInput): Promise<BuildingQrView> {
    const a = requireActor(actor);
    await this.staffBuilding(a, buildingId);
    const { building, code } = await this.tx.run(async (em) => {
      // Locked: a concurrent move or archive either waits for this or is seen by it.
      const b = await this.regions.lock(em, buildingId);
      if (!b || !actorCan(a, QR_STAFF_ROLES, b.path)) throw notFound('building', buildingId);
      if (b.archivedAt) throw archived();
      const c = await this.codes.rotate(em, b.id, a.accountId);
      await this.outbox.add(em, {
        ...GridsEvents.qrRotated,
        region: b.path,
        subjectId: b.id,
        // Never the token: the event goes to every subscriber, the token is a credential.
        data: { buildingId: b.id, path: b.path, version: c.version, previousVersion: c.previousVersion, rotatedBy: a.accountId, rotatedAt: new Date(c.issuedAt).toISOString() },
      });
      return { building: b, code: c };
    });
    return this.view(building, code);
  }

  /**
   * What a scanned code stands for. No sign-in: the token is the credential. A refused token
   * (QR_MALFORMED, QR_FORGED, QR_REVOKED) changes nothing and a forged one costs no database read.
   */
  async resolve({ token }: ResolveQrInput): Promise<QrResolutionView> {
    const claims = this.signer.verify(token);
    const scan = await this.codes.scan(claims.buildingId);
    if (!scan || scan.level !== 'building' || scan.archived || scan.qrVersion !== claims.version) throw QrTokenErrors.revoked();
    const at = (level: QrAncestor['level']): QrPlaceView | null => {
      const n = scan.ancestors.findLast((x) => x.level === level);
      return n ? { id: n.id, name: n.name, path: n.path } : null;
    };
    return {
      building: { id: scan.id, name: scan.name, path: scan.path },
      grid: at('grid'),
      compound: at('compound'),
      community: at('community'),
      team: scan.lat !== null && scan.lng !== null ? await this.team(scan.lat, scan.lng) : [],
      version: scan.qrVersion,
    };
  }

  /** A printable sheet of the codes of every live building at or below a node. */
  async sheet(actor: Actor | null, { regionId }: QrSheetInput): Promise<QrSheetView> {
    const a = requireActor(actor);
    const node = await this.regions.byId(regionId);
    if (!node || !actorCan(a, QR_STAFF_ROLES, node.path)) throw notFound('region', regionId);
    const rows = await this.codes.sheetBuildings(node.path, QR_SHEET_MAX_BUILDINGS + 1);
    if (rows.length > QR_SHEET_MAX_BUILDINGS) {
      throw new AppError('VALIDATION', `more than ${QR_SHEET_MAX_BUILDINGS} buildings below ${node.name}: print the sheets of its grids or compounds`, QrErrorReason.sheetTooLarge, [
        { path: 'regionId', message: `has more than ${QR_SHEET_MAX_BUILDINGS} buildings` },
      ]);
    }
    const versions = await this.codes.ensureMany(this.em, rows.map((r) => r.id), a.accountId);
    const codes = await Promise.all(
      rows.map(async (r) => {
        const version = versions.get(r.id)!.version;
        return {
          buildingName: r.name,
          placeName: r.compoundName,
          communityName: r.communityName,
          svg: await qrSvg(this.url(this.signer.sign({ buildingId: r.id, version }))),
          version,
        };
      }),
    );
    return { regionId: node.id, buildings: codes.length, html: renderSheet(node.name, codes) };
  }

  /** The building, if the caller is staff on it: else NOT_FOUND, as for an id that exists nowhere. */
  private async staffBuilding(a: Actor, buildingId: string): Promise<RegionRecord> {
    const b = await this.regions.byId(buildingId);
    if (!b || !actorCan(a, QR_STAFF_ROLES, b.path)) throw notFound('building', buildingId);
    if (b.level !== 'building') throw new AppError('VALIDATION', `${b.name} is a ${b.level}, not a building`, 'NOT_A_BUILDING', [{ path: 'buildingId', message: 'is not a building' }]);
    if (b.archivedAt) throw archived();
    return b;
  }

  private async view(b: RegionRecord, code: BuildingQrRecord): Promise<BuildingQrView> {
    const token = this.signer.sign({ buildingId: b.id, version: code.version });
    const url = this.url(token);
    return { buildingId: b.id, buildingName: b.name, url, token, version: code.version, issuedAt: new Date(code.issuedAt).toISOString(), svg: await qrSvg(url), png: qrPngDataUrl(url) };
  }

  private url(token: string): string {
    const u = new URL(this.settings.baseUrl);
    u.searchParams.set('t', token);
    return u.toString();
  }

  /** Every layer's people at the point, as anyone may see them: names and roles, no ids or phones. */
  private async team(lat: number, lng: number): Promise<QrTeamMemberView[]> {
    const answer = await this.layers.teamAt(lat, lng);
    return answer.layers.flatMap(({ layer, grid, staff }) =>
      staff.map((s) => ({ name: s.name, role: s.role, titleZh: s.titleZh, layerKey: layer.key, layerNameZh: layer.nameZh, gridName: grid?.name ?? null })),
    );
  }
}

function archived(): AppError {
  return new AppError('VALIDATION', 'the building is archived', 'ARCHIVED');
}
