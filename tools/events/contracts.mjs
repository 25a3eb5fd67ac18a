// Every service's published events, as its contracts declare them. A new service adds its line
// (the service generator does).
import { GridsEvents } from '@gov/grids-contracts';
import { IdentityEvents } from '@gov/identity-contracts';
import { IntegrationsEvents } from '@gov/integrations-contracts';
import { MediationEvents } from '@gov/mediation-contracts';
import { PetitionsEvents } from '@gov/petitions-contracts';
import { TasksEvents } from '@gov/tasks-contracts';

export const CONTRACTS = {
  identity: IdentityEvents,
  grids: GridsEvents,
  tasks: TasksEvents,
  petitions: PetitionsEvents,
  mediation: MediationEvents,
  integrations: IntegrationsEvents,
};
