import 'reflect-metadata';
import { runService } from '@gov/platform-service';
import { PetitionsAppModule } from './app.module.js';

await runService('petitions', PetitionsAppModule);
