/** Request-reply subjects of the petitions service (queue group `petitions`), see docs/adr/0002. */
export const PetitionsRpc = {
  petitionCreate: 'rpc.petitions.petition.create',
  petitionGet: 'rpc.petitions.petition.get',
  petitionGetMany: 'rpc.petitions.petition.getMany',
} as const;
