/** Applies integrations's migrations and exits: the Kubernetes migration Job runs this. */
import 'reflect-metadata';
import { integrationsEntities, integrationsMigrations } from '@gov/integrations-data-access';
import { runMigrationJob } from '@gov/platform-persistence';

await runMigrationJob({ service: 'integrations', schema: 'integrations', entities: integrationsEntities, migrations: integrationsMigrations });
