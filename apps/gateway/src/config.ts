import { baseConfigSchema } from '@gov/platform-config';
import { attachmentStoreConfig } from '@gov/platform-storage';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { uploadRateLimitSetting } from './uploads.js';

/** apps/resident-web/dist beside this package, from src/ (tests) and dist/ (the image) alike. */
const DEFAULT_RESIDENT_WEB_DIR = fileURLToPath(new URL('../../resident-web/dist', import.meta.url));

export const gatewayConfigSchema = baseConfigSchema.extend({
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  JWT_ISSUER: z.string().default('gov-identity'),
  JWT_AUDIENCE: z.string().default('gov-platform'),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(8),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).max(1_000_000).default(1000),
  GRAPHQL_MAX_BATCH: z.coerce.number().int().min(1).max(50).default(5),
  /** Mutation root fields (aliases included) one operation may run. */
  GRAPHQL_MAX_MUTATIONS: z.coerce.number().int().min(1).max(50).default(5),
  /** Updates one GraphQL subscription may have waiting for a slow client before its WebSocket is closed (1013). */
  LIVE_MAX_QUEUE: z.coerce.number().int().min(1).max(10_000).default(64),
  /** Uploads one client may make (POST /uploads): `uploads/seconds`. */
  UPLOAD_RATE_LIMIT: uploadRateLimitSetting,
  /** The built resident page (码上议, apps/resident-web) served under /r/: the page building QR codes open. */
  RESIDENT_WEB_DIR: z.string().min(1).default(DEFAULT_RESIDENT_WEB_DIR),
}).extend(attachmentStoreConfig.shape);

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
