import { GridsRpc, type BuildingQrView, type QrResolutionView, type QrSheetView } from '@gov/grids-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BuildingQr, QrResolution, QrSheet } from './qr.types.js';

/** Building QR codes (码上议): staff print and rotate them; anyone holding one resolves it. */
@Resolver()
export class QrResolver {
  @Query(() => BuildingQr, { description: "A building's current code (issued on first ask). Admins of its region or above and its grid workers." })
  buildingQr(@Args('buildingId', { type: () => ID }) buildingId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<BuildingQrView>(GridsRpc.qrGet, { buildingId });
  }

  @Mutation(() => BuildingQr, { description: "A new version of the building's code; the old one is refused from now on (QR_REVOKED)." })
  rotateBuildingQr(@Args('buildingId', { type: () => ID }) buildingId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<BuildingQrView>(GridsRpc.qrRotate, { buildingId });
  }

  /** No sign-in: residents scan the code on the door anonymously; the token is the credential. */
  @Query(() => QrResolution, {
    description: 'What a scanned code stands for; no sign-in needed. Refused: VALIDATION (QR_MALFORMED), NOT_FOUND (QR_FORGED, QR_REVOKED).',
  })
  resolveQr(@Args('token') token: string, @Context() ctx: GqlContext) {
    return ctx.call<QrResolutionView>(GridsRpc.qrResolve, { token });
  }

  @Query(() => QrSheet, { description: 'A printable sheet of the codes of every building at or below the node (at most 200: QR_SHEET_TOO_LARGE).' })
  qrSheet(@Args('regionId', { type: () => ID }) regionId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<QrSheetView>(GridsRpc.qrSheet, { regionId });
  }
}
