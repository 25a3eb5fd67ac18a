import { HouseholdRepository, ProposalRepository } from '@gov/petitions-data-access';
import { Module } from '@nestjs/common';
import { DecisionController } from './decision.controller.js';
import { DecisionIntake } from './decision-intake.service.js';
import { HouseholdController } from './household.controller.js';
import { HouseholdRegistry } from './household.service.js';
import { ProposalController } from './proposal.controller.js';
import { ProposalDecider } from './proposal-decider.js';
import { ProposalService } from './proposal.service.js';

/**
 * Residents' proposals (居民提案) and household votes, with petitions' read model of grids'
 * household registry they count against (fed by grids' household events), and the proposals
 * deliberation meetings' decisions put to the vote (fed by mediation's decision events).
 */
@Module({
  controllers: [ProposalController, HouseholdController, DecisionController],
  providers: [ProposalService, ProposalDecider, HouseholdRegistry, DecisionIntake, ProposalRepository, HouseholdRepository],
  exports: [ProposalDecider],
})
export class ProposalModule {}
