import 'reflect-metadata';
import { runService } from '@gov/platform-service';
import { MediationAppModule } from './app.module.js';

await runService('mediation', MediationAppModule);
