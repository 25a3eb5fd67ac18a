import 'reflect-metadata';
import { runService } from '@gov/platform-service';
import { GridsAppModule } from './app.module.js';

await runService('grids', GridsAppModule);
