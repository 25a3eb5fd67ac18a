import type { ImportLevelCount, ImportProblemCode, ImportProblemView, ImportReportView } from '@gov/grids-contracts';
import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType()
export class ImportRegionsInput {
  @Field({ description: 'A GeoJSON FeatureCollection as text: properties {path, name, kind?, level?}, Polygon/MultiPolygon for areas, Point for buildings; parents first. At most 200 KB with the CSV (IMPORT_TOO_LARGE): import a county street by street.' })
  geojson!: string;
  @Field(() => String, { nullable: true, description: 'Households as CSV: a building_path,number header, then one household a line.' })
  householdsCsv?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only validate and report; nothing is written.' })
  dryRun?: boolean | null;
}

@ObjectType({ description: 'One problem of an import: a feature (index, path) or a CSV line. Errors stop the import; warnings (GAP) do not.' })
export class ImportProblem implements ImportProblemView {
  @Field(() => Int, { nullable: true, description: "The feature's index in the file (0-based)." }) index!: number | null;
  @Field(() => Int, { nullable: true, description: 'The CSV line (1-based, the header is line 1).' }) line!: number | null;
  @Field(() => String, { nullable: true }) path!: string | null;
  @Field(() => String, { description: 'error or warning.' }) severity!: 'error' | 'warning';
  @Field(() => String, { description: 'e.g. INVALID_GEOMETRY, OUTSIDE_PARENT, UNKNOWN_PARENT, DUPLICATE_PATH, ALREADY_EXISTS, LEVEL_NOT_ALLOWED, OVERLAP, GAP, UNKNOWN_BUILDING.' })
  code!: ImportProblemCode;
  @Field() message!: string;
  @Field(() => Float, { nullable: true, description: 'OVERLAP and GAP: the area concerned in m².' }) areaM2!: number | null;
  @Field(() => String, { nullable: true, description: "OVERLAP: the other grid's path." }) otherPath!: string | null;
}

@ObjectType('ImportLevelCount')
export class ImportLevelCountType implements ImportLevelCount {
  @Field() level!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'What an import found and did: written all-or-nothing, only without errors.' })
export class ImportReport implements ImportReportView {
  @Field() dryRun!: boolean;
  @Field({ description: 'True only when everything was written.' }) committed!: boolean;
  @Field(() => Int) features!: number;
  @Field(() => Int) householdRows!: number;
  @Field(() => [ImportLevelCountType], { description: 'Sound nodes by level.' }) byLevel!: ImportLevelCount[];
  @Field(() => Int) regionsCreated!: number;
  @Field(() => Int) householdsCreated!: number;
  @Field(() => Int) errors!: number;
  @Field(() => Int) warnings!: number;
  @Field(() => [ImportProblem], { description: 'At most 1000, errors first.' }) problems!: ImportProblemView[];
  @Field() problemsTruncated!: boolean;
}
