import 'reflect-metadata';
import { runService } from '@gov/platform-service';
import { TasksAppModule } from './app.module.js';

await runService('tasks', TasksAppModule);
