import { ConfigError, serviceConfigSchema } from '@gov/platform-config';
import { z } from 'zod';

const base64Key = (bytes: number) =>
  z.string().refine((s) => /^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, 'base64').length >= bytes, `must be base64 of at least ${bytes} bytes`);

export const gridsConfigSchema = serviceConfigSchema({ schema: 'grids', httpPort: 4002 }).extend({
  /**
   * base64 of at least 32 bytes: signs the tokens in building QR codes (码上议). Required in
   * production. Changing it revokes every printed code at once: rotate single buildings instead.
   */
  QR_SIGNING_KEY: base64Key(32).optional(),
  /** The public page a building's code opens (`?t=<token>` is appended). Required in production. */
  QR_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .refine((u) => !new URL(u).hash, 'must have no #fragment')
    .optional(),
});

export type GridsConfig = z.infer<typeof gridsConfigSchema>;

/**
 * A well-known key so that `npm start`, docker compose and tests work without setup. It is public
 * (it is in this file), so production refuses to start without a key of its own.
 */
const DEVELOPMENT_QR_SIGNING_KEY = 'a931X6ScMAhLFGoSP8U4UXjFbZKU2pgbkivDuEN7iPw=';
const DEVELOPMENT_QR_BASE_URL = 'http://localhost:4000/r/';

export interface QrSettings {
  signingKey: Buffer;
  baseUrl: string;
  /** True when the public development key is in use. */
  development: boolean;
}

/** The QR settings to use: the configured ones, or outside production the development ones. */
export function qrSettings(config: Pick<GridsConfig, 'NODE_ENV' | 'QR_SIGNING_KEY' | 'QR_BASE_URL'>): QrSettings {
  if (config.NODE_ENV === 'production') {
    if (!config.QR_SIGNING_KEY) throw new ConfigError('QR_SIGNING_KEY', 'is required in production');
    if (!config.QR_BASE_URL) throw new ConfigError('QR_BASE_URL', 'is required in production');
  }
  return {
    signingKey: Buffer.from(config.QR_SIGNING_KEY ?? DEVELOPMENT_QR_SIGNING_KEY, 'base64'),
    baseUrl: config.QR_BASE_URL ?? DEVELOPMENT_QR_BASE_URL,
    development: !config.QR_SIGNING_KEY,
  };
}
