/** Applies grids's migrations and exits: the Kubernetes migration Job runs this. */
import 'reflect-metadata';
import { gridsEntities, gridsMigrations } from '@gov/grids-data-access';
import { runMigrationJob } from '@gov/platform-persistence';

await runMigrationJob({ service: 'grids', schema: 'grids', entities: gridsEntities, migrations: gridsMigrations });
