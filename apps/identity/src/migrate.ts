/** Applies identity's migrations and exits: the Kubernetes migration Job runs this. */
import 'reflect-metadata';
import { identityEntities, identityMigrations } from '@gov/identity-data-access';
import { runMigrationJob } from '@gov/platform-persistence';

await runMigrationJob({ service: 'identity', schema: 'identity', entities: identityEntities, migrations: identityMigrations });
