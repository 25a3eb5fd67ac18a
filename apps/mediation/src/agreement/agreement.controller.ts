import { idSchema, type Actor } from '@gov/kernel';
import { AcceptAgreementInput, AgreementDocumentInput, DraftAgreementInput, MediationRpc, RecordConfirmationInput, RequestConfirmationInput } from '@gov/mediation-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { z } from 'zod';
import { AgreementService } from './agreement.service.js';
import { ConfirmationService } from './confirmation.service.js';

/** The current agreement of a case (the contracts name no input of their own for it). */
const AgreementOfCaseInput = z.object({ caseId: idSchema });
const NoInput = z.object({});

@Controller()
export class AgreementController {
  constructor(
    private readonly agreements: AgreementService,
    private readonly confirmations: ConfirmationService,
  ) {}

  @MessagePattern(MediationRpc.agreementTemplates)
  templates(@CurrentActor() actor: Actor | null, @Input(NoInput) _input: z.output<typeof NoInput>) {
    return this.agreements.templates(actor);
  }

  @MessagePattern(MediationRpc.agreementDraft)
  draft(@CurrentActor() actor: Actor | null, @Input(DraftAgreementInput) input: z.output<typeof DraftAgreementInput>) {
    return this.agreements.draft(actor, input);
  }

  @MessagePattern(MediationRpc.agreementAccept)
  accept(@CurrentActor() actor: Actor | null, @Input(AcceptAgreementInput) input: z.output<typeof AcceptAgreementInput>) {
    return this.agreements.accept(actor, input);
  }

  @MessagePattern(MediationRpc.agreementGet)
  get(@CurrentActor() actor: Actor | null, @Input(AgreementOfCaseInput) input: z.output<typeof AgreementOfCaseInput>) {
    return this.agreements.find(actor, input);
  }

  @MessagePattern(MediationRpc.agreementDocument)
  document(@CurrentActor() actor: Actor | null, @Input(AgreementDocumentInput) input: z.output<typeof AgreementDocumentInput>) {
    return this.agreements.document(actor, input);
  }

  @MessagePattern(MediationRpc.confirmationRequest)
  requestConfirmation(@CurrentActor() actor: Actor | null, @Input(RequestConfirmationInput) input: z.output<typeof RequestConfirmationInput>) {
    return this.confirmations.request(actor, input);
  }

  @MessagePattern(MediationRpc.confirmationRecord)
  recordConfirmation(@CurrentActor() actor: Actor | null, @Input(RecordConfirmationInput) input: z.output<typeof RecordConfirmationInput>) {
    return this.confirmations.record(actor, input);
  }
}
