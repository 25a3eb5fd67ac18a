import { BuildingQrRepository } from '@gov/grids-data-access';
import { LOGGER, SERVICE_CONFIG } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { qrSettings, type GridsConfig } from '../config.js';
import { LayerModule } from '../layer/layer.module.js';
import { RegionModule } from '../region/region.module.js';
import { QrController } from './qr.controller.js';
import { QR_SETTINGS, QrService } from './qr.service.js';

@Module({
  imports: [RegionModule, LayerModule],
  controllers: [QrController],
  providers: [
    QrService,
    BuildingQrRepository,
    {
      // Production without QR_SIGNING_KEY or QR_BASE_URL stops here with one line (exit 78).
      provide: QR_SETTINGS,
      useFactory: (config: GridsConfig, logger: Logger) => {
        const settings = qrSettings(config);
        if (settings.development) logger.warn('QR_SIGNING_KEY is not set: building QR codes are signed with the public development key');
        return settings;
      },
      inject: [SERVICE_CONFIG, LOGGER],
    },
  ],
})
export class QrModule {}
