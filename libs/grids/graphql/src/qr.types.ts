import type { BuildingQrView, QrPlaceView, QrResolutionView, QrSheetView, QrTeamMemberView } from '@gov/grids-contracts';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "A building's current QR code (码上议), for staff to print." })
export class BuildingQr implements BuildingQrView {
  @Field(() => ID) buildingId!: string;
  @Field() buildingName!: string;
  @Field({ description: 'What the code opens: the public scan page with ?t=<token>.' }) url!: string;
  @Field({ description: 'The credential in the code; rotating the building’s code revokes it.' }) token!: string;
  @Field(() => Int) version!: number;
  @Field() issuedAt!: string;
  @Field({ description: 'The code as an SVG document.' }) svg!: string;
  @Field({ description: 'The code as a PNG data URL (data:image/png;base64,…).' }) png!: string;
}

@ObjectType({ description: 'A node of the region tree as a scanned code shows it.' })
export class QrPlace implements QrPlaceView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() path!: string;
}

@ObjectType({ description: 'One person answering for a building, as anyone may see them: name and role only.' })
export class QrTeamMember implements QrTeamMemberView {
  @Field() name!: string;
  @Field() role!: string;
  @Field() titleZh!: string;
  @Field() layerKey!: string;
  @Field() layerNameZh!: string;
  @Field(() => String, { nullable: true }) gridName!: string | null;
}

@ObjectType({ description: 'What a scanned building code stands for: the building, where it lies and who answers for it.' })
export class QrResolution implements QrResolutionView {
  @Field(() => QrPlace) building!: QrPlaceView;
  @Field(() => QrPlace, { nullable: true }) grid!: QrPlaceView | null;
  @Field(() => QrPlace, { nullable: true }) compound!: QrPlaceView | null;
  @Field(() => QrPlace, { nullable: true }) community!: QrPlaceView | null;
  @Field(() => [QrTeamMember]) team!: QrTeamMemberView[];
  @Field(() => Int) version!: number;
}

@ObjectType({ description: 'A printable HTML document (A4, 2 × 4 codes a page) of every building under a node.' })
export class QrSheet implements QrSheetView {
  @Field(() => ID) regionId!: string;
  @Field(() => Int) buildings!: number;
  @Field() html!: string;
}
