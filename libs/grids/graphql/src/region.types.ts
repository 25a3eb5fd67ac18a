import type { GridLayerView, LayerGridView, LocateView, RegionLevel, RegionView, StaffView, SubtreeCountView } from '@gov/grids-contracts';
import { ConnectionType, LatLng, LatLngInput } from '@gov/platform-graphql';
import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { GeoJSONScalar } from './geojson.scalar.js';

export { LatLng, LatLngInput };

@ObjectType({ description: 'A node of the region tree (区域): city, county, street/town, community/village, grid, compound/village group or building.' })
export class Region implements RegionView {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field({ description: 'e.g. jingmen/dongbao/longquan/xiangshan/g03: the form role grants use.' }) path!: string;
  @Field() code!: string;
  @Field(() => String, { description: 'city, county, street, community, grid, compound or building.' }) level!: RegionLevel;
  @Field(() => String, { nullable: true, description: 'district/county, street/town, community/village, compound/village_group.' }) kind!: string | null;
  @Field() name!: string;
  @Field(() => GeoJSONScalar, { nullable: true, description: 'The area as a GeoJSON MultiPolygon.' }) shape!: unknown;
  @Field(() => LatLng, { nullable: true, description: "A building's point." }) location!: { lat: number; lng: number } | null;
  @Field() archived!: boolean;
  @Field(() => Int) version!: number;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
}

@ObjectType()
export class RegionConnection extends ConnectionType(Region) {}

@ObjectType()
export class LevelCount {
  @Field() level!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class SubtreeCount implements SubtreeCountView {
  @Field(() => ID) id!: string;
  @Field(() => [LevelCount]) byLevel!: { level: RegionLevel; count: number }[];
  @Field(() => Int) households!: number;
}

@InputType()
export class CreateRegionInput {
  @Field(() => ID, { nullable: true, description: 'Null only for a city.' }) parentId!: string | null;
  @Field() code!: string;
  @Field() name!: string;
  @Field({ nullable: true }) kind?: string;
  @Field(() => GeoJSONScalar, { nullable: true }) shape?: unknown;
  @Field(() => LatLngInput, { nullable: true, description: 'For a building, instead of a shape.' }) location?: LatLngInput;
}

@InputType()
export class UpdateRegionInput {
  @Field(() => ID) id!: string;
  @Field({ nullable: true }) name?: string;
  @Field(() => GeoJSONScalar, { nullable: true }) shape?: unknown;
  @Field(() => LatLngInput, { nullable: true }) location?: LatLngInput;
}

@ObjectType({ description: 'A way of tiling the territory (网格图层): comprehensive, police, market supervision, law enforcement, …' })
export class GridLayer implements GridLayerView {
  @Field() key!: string;
  @Field() name!: string;
  @Field() nameZh!: string;
  @Field() staffRole!: string;
  @Field() staffTitleZh!: string;
}

@ObjectType()
export class LayerGrid implements LayerGridView {
  @Field(() => ID, { description: "For the comprehensive layer, the tree's grid node." }) id!: string;
  @Field() layerKey!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field() region!: string;
}

@ObjectType({ description: 'A person on duty for a grid.' })
export class GridStaff implements StaffView {
  @Field(() => ID) id!: string;
  @Field() layerKey!: string;
  @Field(() => ID) gridId!: string;
  @Field(() => ID) personId!: string;
  @Field() name!: string;
  @Field() role!: string;
  @Field() titleZh!: string;
  @Field() assignedAt!: string;
}

@ObjectType()
export class LayerTeam {
  @Field(() => GridLayer) layer!: GridLayerView;
  @Field(() => LayerGrid, { nullable: true }) grid!: LayerGridView | null;
  @Field(() => [GridStaff]) staff!: StaffView[];
}

@ObjectType({ description: 'Who answers for a point on the map (多格合一).' })
export class Location implements LocateView {
  @Field(() => Float) lat!: number;
  @Field(() => Float) lng!: number;
  @Field(() => [Region], { description: 'The node at every level whose area covers the point, city first.' }) regions!: RegionView[];
  @Field(() => [LayerTeam]) layers!: LocateView['layers'];
}

@InputType()
export class CreateGridLayerInput {
  @Field() key!: string;
  @Field() name!: string;
  @Field() nameZh!: string;
  @Field() staffRole!: string;
  @Field() staffTitleZh!: string;
}

@InputType()
export class CreateLayerGridInput {
  @Field() layerKey!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field() region!: string;
  @Field(() => GeoJSONScalar) shape!: unknown;
}

@InputType()
export class AssignGridStaffInput {
  @Field() layerKey!: string;
  @Field(() => ID) gridId!: string;
  @Field(() => ID) personId!: string;
  @Field() name!: string;
}
