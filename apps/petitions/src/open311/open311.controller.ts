import type { Actor } from '@gov/kernel';
import {
  IssueApiKeyInput,
  ListApiKeysInput,
  Open311QueryInput,
  Open311ServicesInput,
  Open311SubmitInput,
  Open311UpdatesInput,
  PetitionsRpc,
  RevokeApiKeyInput,
} from '@gov/petitions-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { Open311Service } from './open311.service.js';

/**
 * Keys are managed by signed-in county admins (GraphQL); the GeoReport subjects are called by the
 * gateway's /open311/v2 routes with no actor: the API key in the input is the credential.
 */
@Controller()
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @MessagePattern(PetitionsRpc.open311KeyIssue)
  issueKey(@CurrentActor() actor: Actor | null, @Input(IssueApiKeyInput) input: z.output<typeof IssueApiKeyInput>) {
    return this.open311.issueKey(actor, input);
  }

  @MessagePattern(PetitionsRpc.open311KeyRevoke)
  revokeKey(@CurrentActor() actor: Actor | null, @Input(RevokeApiKeyInput) input: z.output<typeof RevokeApiKeyInput>) {
    return this.open311.revokeKey(actor, input.id);
  }

  @MessagePattern(PetitionsRpc.open311Keys)
  keys(@CurrentActor() actor: Actor | null, @Input(ListApiKeysInput) _input: z.output<typeof ListApiKeysInput>) {
    return this.open311.listKeys(actor);
  }

  @MessagePattern(PetitionsRpc.open311Services)
  services(@Input(Open311ServicesInput) input: z.output<typeof Open311ServicesInput>) {
    return this.open311.services(input);
  }

  @MessagePattern(PetitionsRpc.open311Submit)
  submit(@Input(Open311SubmitInput) input: z.output<typeof Open311SubmitInput>) {
    return this.open311.submit(input);
  }

  @MessagePattern(PetitionsRpc.open311Requests)
  requests(@Input(Open311QueryInput) input: z.output<typeof Open311QueryInput>) {
    return this.open311.requests(input);
  }

  @MessagePattern(PetitionsRpc.open311Updates)
  updates(@Input(Open311UpdatesInput) input: z.output<typeof Open311UpdatesInput>) {
    return this.open311.updates(input);
  }
}
