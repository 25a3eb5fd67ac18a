import { PLACE_KINDS, type CreatePlaceInput as CreatePlaceRequest, type NearInput, type PlaceKind, type PlaceView } from '@gov/grids-contracts';
import { enumFromValues } from '@gov/platform-graphql';
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LatLng, LatLngInput } from './region.types.js';

export const PlaceKindEnum = enumFromValues(PLACE_KINDS);
registerEnumType(PlaceKindEnum, {
  name: 'PlaceKind',
  description:
    'sentinel_post 哨点, steward_studio 红管家工作室, steward_station 红管家驿站, market 市场, back_street 背街小巷, party_mass_centre 党群服务中心, office 社区/村办公室 (geocoded, for check-ins).',
});

@ObjectType({ description: 'A place on the map, in a node of the region tree.' })
export class Place implements PlaceView {
  @Field(() => ID) id!: string;
  @Field(() => PlaceKindEnum) kind!: PlaceKind;
  @Field() name!: string;
  @Field(() => ID, { description: 'The node it sits in.' }) regionId!: string;
  @Field({ description: "The node's region path." }) region!: string;
  @Field(() => LatLng) location!: LatLng;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field(() => String, { nullable: true }) openingHours!: string | null;
  @Field(() => [ID], { description: 'The nodes it covers.' }) covers!: string[];
  @Field(() => Float, { nullable: true, description: 'Metres from the `near` point of the search.' }) distanceM!: number | null;
  @Field() createdAt!: string;
}

@InputType()
export class CreatePlaceInput implements Omit<CreatePlaceRequest, 'location'> {
  @Field(() => PlaceKindEnum) kind!: PlaceKind;
  @Field() name!: string;
  @Field(() => ID, { description: 'The node it sits in; the location must lie within its shape when it has one.' }) regionId!: string;
  @Field(() => LatLngInput) location!: LatLngInput;
  @Field(() => String, { nullable: true, description: 'An office phone: 0724-2345678, a mobile number or a 5-digit service line.' }) contactPhone?: string | null;
  @Field(() => String, { nullable: true, description: 'At most 100 characters.' }) openingHours?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Nodes the place covers, all in its county.' }) covers?: string[];
}

@InputType()
export class PlaceNearInput implements NearInput {
  @Field(() => Float) lat!: number;
  @Field(() => Float) lng!: number;
  @Field(() => Float, { description: 'At most 5000 m.' }) radiusM!: number;
}
