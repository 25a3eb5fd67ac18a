import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';

/**
 * GeoJSON geometry (RFC 7946, WGS 84) as a JSON object. The scalar only carries it: the grids
 * service checks the shape (zod for the structure, PostGIS for validity) and answers VALIDATION.
 */
export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry object in WGS 84, e.g. {"type":"Polygon","coordinates":[[[112.2,31.02],…]]}.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => (ast.kind === Kind.OBJECT ? valueFromASTUntyped(ast, variables) : null),
});
