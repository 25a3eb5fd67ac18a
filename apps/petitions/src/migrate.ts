/** Applies petitions's migrations and exits: the Kubernetes migration Job runs this. */
import 'reflect-metadata';
import { petitionsEntities, petitionsMigrations } from '@gov/petitions-data-access';
import { runMigrationJob } from '@gov/platform-persistence';

await runMigrationJob({ service: 'petitions', schema: 'petitions', entities: petitionsEntities, migrations: petitionsMigrations });
