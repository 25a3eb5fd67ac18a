import type { Actor } from '@gov/kernel';
import { BuildingQrInput, GridsRpc, QrSheetInput, ResolveQrInput, RotateBuildingQrInput } from '@gov/grids-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { QrService } from './qr.service.js';

@Controller()
export class QrController {
  constructor(private readonly qr: QrService) {}

  @MessagePattern(GridsRpc.qrGet)
  get(@CurrentActor() actor: Actor | null, @Input(BuildingQrInput) input: z.output<typeof BuildingQrInput>) {
    return this.qr.buildingQr(actor, input);
  }

  @MessagePattern(GridsRpc.qrRotate)
  rotate(@CurrentActor() actor: Actor | null, @Input(RotateBuildingQrInput) input: z.output<typeof RotateBuildingQrInput>) {
    return this.qr.rotate(actor, input);
  }

  /** Anonymous: residents scan without signing in; the token is the credential. */
  @MessagePattern(GridsRpc.qrResolve)
  resolve(@Input(ResolveQrInput) input: z.output<typeof ResolveQrInput>) {
    return this.qr.resolve(input);
  }

  @MessagePattern(GridsRpc.qrSheet)
  sheet(@CurrentActor() actor: Actor | null, @Input(QrSheetInput) input: z.output<typeof QrSheetInput>) {
    return this.qr.sheet(actor, input);
  }
}
