/**
 * The console's typed client, generated from the gateway's committed schema (apps/gateway/schema.graphql):
 * `npm run codegen -w @gov/county-console` after changing a `.graphql` document or the schema.
 * Each page keeps its operations in `<page>.graphql`; the generator writes `<page>.generated.ts` beside it
 * (typed documents as strings, so a page's queries travel in that page's chunk). The drift test
 * (src/api/codegen-drift.spec.ts) fails when a committed file differs from what this config generates.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

export const SCHEMA = '../gateway/schema.graphql';
export const BASE_TYPES = 'src/api/schema-types.ts';

const config: CodegenConfig = {
  schema: SCHEMA,
  documents: ['src/**/*.graphql'],
  emitLegacyCommonJSImports: false,
  generates: {
    [BASE_TYPES]: {
      plugins: ['typescript'],
      config: { enumsAsTypes: true, scalars: { GeoJSON: 'unknown' }, avoidOptionals: false },
    },
    'src/': {
      preset: 'near-operation-file',
      presetConfig: { extension: '.generated.ts', baseTypesPath: 'api/schema-types.ts' },
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { enumsAsTypes: true, documentMode: 'string', scalars: { GeoJSON: 'unknown' }, useTypeImports: true },
    },
  },
};
export default config;
