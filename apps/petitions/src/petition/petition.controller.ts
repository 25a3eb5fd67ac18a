import { GetManyInput, idSchema, type Actor } from '@gov/kernel';
import {
  AssignPetitionInput,
  BuildingNoticesInput,
  GetPetitionInput,
  ListPetitionsInput,
  PetitionActionInput,
  PetitionsRpc,
  RatePetitionInput,
  ReopenPetitionInput,
  ResolvePetitionInput,
  ScreenPetitionInput,
  SpawnFromPetitionInput,
  SubmitPetitionInput,
  TrackingInput,
} from '@gov/petitions-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { z } from 'zod';
import { PetitionIntakeService } from './petition-intake.service.js';
import { PetitionService } from './petition.service.js';

const ContactReadInput = z.object({ id: idSchema, reason: z.string().trim().max(200).nullish().transform((v) => v ?? null) });
const AttachmentAccessInput = z.object({ id: idSchema });

@Controller()
export class PetitionController {
  constructor(
    private readonly intake: PetitionIntakeService,
    private readonly petitions: PetitionService,
  ) {}

  @MessagePattern(PetitionsRpc.petitionSubmit)
  submit(@CurrentActor() actor: Actor | null, @Input(SubmitPetitionInput) input: z.output<typeof SubmitPetitionInput>) {
    return this.intake.submit(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetPetitionInput) input: z.output<typeof GetPetitionInput>) {
    return this.petitions.get(actor, input.id);
  }

  @MessagePattern(PetitionsRpc.petitionGetMany)
  getMany(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.petitions.getMany(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionByTrackingCode)
  byTrackingCode(@Input(TrackingInput) input: z.output<typeof TrackingInput>) {
    return this.petitions.byTrackingCode(input.trackingCode);
  }

  @MessagePattern(PetitionsRpc.petitionList)
  list(@CurrentActor() actor: Actor | null, @Input(ListPetitionsInput) input: z.output<typeof ListPetitionsInput>) {
    return this.petitions.list(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionTimeline)
  timeline(@CurrentActor() actor: Actor | null, @Input(GetPetitionInput) input: z.output<typeof GetPetitionInput>) {
    return this.petitions.timeline(actor, input.id);
  }

  @MessagePattern(PetitionsRpc.petitionContact)
  contact(@CurrentActor() actor: Actor | null, @Input(ContactReadInput) input: z.output<typeof ContactReadInput>) {
    return this.petitions.contact(actor, input.id, input.reason);
  }

  @MessagePattern(PetitionsRpc.petitionDuplicates)
  duplicates(@CurrentActor() actor: Actor | null, @Input(GetPetitionInput) input: z.output<typeof GetPetitionInput>) {
    return this.petitions.duplicates(actor, input.id);
  }

  @MessagePattern(PetitionsRpc.petitionScreen)
  screen(@CurrentActor() actor: Actor | null, @Input(ScreenPetitionInput) input: z.output<typeof ScreenPetitionInput>) {
    return this.petitions.screen(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionAssign)
  assign(@CurrentActor() actor: Actor | null, @Input(AssignPetitionInput) input: z.output<typeof AssignPetitionInput>) {
    return this.petitions.assign(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionAccept)
  accept(@CurrentActor() actor: Actor | null, @Input(PetitionActionInput) input: z.output<typeof PetitionActionInput>) {
    return this.petitions.accept(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionStart)
  start(@CurrentActor() actor: Actor | null, @Input(PetitionActionInput) input: z.output<typeof PetitionActionInput>) {
    return this.petitions.start(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionResolve)
  resolve(@CurrentActor() actor: Actor | null, @Input(ResolvePetitionInput) input: z.output<typeof ResolvePetitionInput>) {
    return this.petitions.resolve(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionRate)
  rate(@CurrentActor() actor: Actor | null, @Input(RatePetitionInput) input: z.output<typeof RatePetitionInput>) {
    return this.petitions.rate(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionReopen)
  reopen(@CurrentActor() actor: Actor | null, @Input(ReopenPetitionInput) input: z.output<typeof ReopenPetitionInput>) {
    return this.petitions.reopen(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionSpawn)
  spawn(@CurrentActor() actor: Actor | null, @Input(SpawnFromPetitionInput) input: z.output<typeof SpawnFromPetitionInput>) {
    return this.petitions.spawn(actor, input);
  }

  @MessagePattern(PetitionsRpc.buildingNotices)
  notices(@Input(BuildingNoticesInput) input: z.output<typeof BuildingNoticesInput>) {
    return this.petitions.notices(input.qrToken, input.first);
  }

  @MessagePattern(PetitionsRpc.attachmentAccess)
  attachmentAccess(@CurrentActor() actor: Actor | null, @Input(AttachmentAccessInput) input: z.output<typeof AttachmentAccessInput>) {
    return this.petitions.attachmentAccess(actor, input.id);
  }
}
