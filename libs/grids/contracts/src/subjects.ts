/** Request-reply subjects of the grids service (queue group `grids`), see docs/adr/0002. */
export const GridsRpc = {
  regionCreate: 'rpc.grids.region.create',
  regionGet: 'rpc.grids.region.get',
  regionGetMany: 'rpc.grids.region.getMany',
} as const;
