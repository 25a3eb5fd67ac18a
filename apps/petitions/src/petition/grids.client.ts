import { AppError, type Actor } from '@gov/kernel';
import { GridsCalls, PetitionRefusal } from '@gov/petitions-contracts';
import { RpcClient } from '@gov/platform-messaging';
import { SERVICE_CONFIG } from '@gov/platform-service';
import { Inject, Injectable } from '@nestjs/common';
import type { PetitionsConfig } from '../config.js';

/** What petitions reads of grids' QR resolution (QrResolutionView); other fields are ignored. */
export interface QrPlace {
  id: string;
  name: string;
  path: string;
}
export interface QrResolution {
  building: QrPlace;
  grid: QrPlace | null;
  compound: QrPlace | null;
  community: QrPlace | null;
  team: { name: string; role: string; titleZh: string }[];
}
interface LocateAnswer {
  regions: { path: string; level: string; name: string }[];
}

/** The fixed account id petitions signs its own calls to grids with (no person behind it). */
const SERVICE_ACCOUNT_ID = '00000000-0000-4000-8000-00000000a001';

/**
 * Petitions' calls to grids over NATS: where a QR token or a point lies. Types are petitions' own
 * (services never import each other); grids' answers are the contract (QrResolutionView, LocateView).
 */
@Injectable()
export class GridsClient {
  private readonly serviceActor: Actor;

  constructor(
    private readonly rpc: RpcClient,
    @Inject(SERVICE_CONFIG) config: PetitionsConfig,
  ) {
    // A resident's view of the whole city is enough to learn which grid covers a point.
    this.serviceActor = { accountId: SERVICE_ACCOUNT_ID, personId: null, username: 'petitions-service', grants: [{ role: 'resident', region: config.CITY_REGION }] };
  }

  /** The building a QR token stands for; grids' refusals (QR_FORGED, QR_REVOKED, QR_MALFORMED) pass through unchanged. */
  resolveQr(token: string): Promise<QrResolution> {
    return this.rpc.request<QrResolution>(GridsCalls.qrResolve, { token });
  }

  /** The grid (or, without one, the deepest node) covering a point; VALIDATION OUTSIDE_TERRITORY when none. */
  async regionAt(lat: number, lng: number): Promise<string> {
    const answer = await this.rpc.request<LocateAnswer>(GridsCalls.locate, { lat, lng }, { actor: this.serviceActor });
    const grid = answer.regions.find((r) => r.level === 'grid');
    const deepest = answer.regions.at(-1);
    const region = grid?.path ?? (deepest && deepest.path.split('/').length >= 4 ? deepest.path : null);
    if (!region) throw new AppError('VALIDATION', 'the point lies outside every community of the city', PetitionRefusal.OUTSIDE_TERRITORY);
    return region;
  }
}
