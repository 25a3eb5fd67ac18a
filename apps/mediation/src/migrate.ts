/** Applies mediation's migrations and exits: the Kubernetes migration Job runs this. */
import 'reflect-metadata';
import { mediationEntities, mediationMigrations } from '@gov/mediation-data-access';
import { runMigrationJob } from '@gov/platform-persistence';

await runMigrationJob({ service: 'mediation', schema: 'mediation', entities: mediationEntities, migrations: mediationMigrations });
