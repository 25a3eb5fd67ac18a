/** For in-process harnesses (apps/e2e, bench). Production starts main.ts. */
export { PetitionsAppModule } from './app.module.js';
export { startPetitions, type PetitionsTestApp } from './testing.js';
export { seedDemoPetitions, type DemoPetitionsOptions } from './seed/demo.js';
export { PetitionIntakeService } from './petition/petition-intake.service.js';
