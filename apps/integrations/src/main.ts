import 'reflect-metadata';
import { runService } from '@gov/platform-service';
import { IntegrationsAppModule } from './app.module.js';

await runService('integrations', IntegrationsAppModule);
