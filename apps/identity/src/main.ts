import 'reflect-metadata';
import { runService } from '@gov/platform-service';
import { IdentityAppModule } from './app.module.js';

await runService('identity', IdentityAppModule);
