import type { Actor } from '@gov/kernel';
import { CastVoteInput, CreateProposalInput, GetProposalInput, ListProposalsInput, PaperBallotInput, PetitionsRpc } from '@gov/petitions-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { ProposalService } from './proposal.service.js';

@Controller()
export class ProposalController {
  constructor(private readonly proposals: ProposalService) {}

  @MessagePattern(PetitionsRpc.proposalCreate)
  create(@CurrentActor() actor: Actor | null, @Input(CreateProposalInput) input: z.output<typeof CreateProposalInput>) {
    return this.proposals.create(actor, input);
  }

  @MessagePattern(PetitionsRpc.proposalGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetProposalInput) input: z.output<typeof GetProposalInput>) {
    return this.proposals.get(actor, input);
  }

  @MessagePattern(PetitionsRpc.proposalList)
  list(@CurrentActor() actor: Actor | null, @Input(ListProposalsInput) input: z.output<typeof ListProposalsInput>) {
    return this.proposals.list(actor, input);
  }

  @MessagePattern(PetitionsRpc.voteCast)
  castVote(@CurrentActor() actor: Actor | null, @Input(CastVoteInput) input: z.output<typeof CastVoteInput>) {
    return this.proposals.castVote(actor, input);
  }

  @MessagePattern(PetitionsRpc.paperBallotEnter)
  enterPaperBallot(@CurrentActor() actor: Actor | null, @Input(PaperBallotInput) input: z.output<typeof PaperBallotInput>) {
    return this.proposals.enterPaperBallot(actor, input);
  }

  @MessagePattern(PetitionsRpc.proposalResult)
  result(@CurrentActor() actor: Actor | null, @Input(GetProposalInput) input: z.output<typeof GetProposalInput>) {
    return this.proposals.result(actor, input);
  }
}
