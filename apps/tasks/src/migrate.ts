/** Applies tasks's migrations and exits: the Kubernetes migration Job runs this. */
import 'reflect-metadata';
import { tasksEntities, tasksMigrations } from '@gov/tasks-data-access';
import { runMigrationJob } from '@gov/platform-persistence';

await runMigrationJob({ service: 'tasks', schema: 'tasks', entities: tasksEntities, migrations: tasksMigrations });
