import { ConfigError } from '@gov/platform-config';
import { z } from 'zod';
import { LocalDiskStore } from './local-disk-store.js';
import { S3Store } from './s3-store.js';
import type { AttachmentStore } from './store.js';

/** Where attachments are written when ATTACHMENT_STORE=local, relative to the working directory (the repository under `npm start`). */
export const DEFAULT_ATTACHMENT_DIR = '.data/attachments';

/**
 * The attachment store's settings, for every process that reads or writes attachments (the
 * gateway, petitions): `schema.extend(attachmentStoreConfig.shape)`. They must name the same
 * store in each. The S3_* settings are checked by `attachmentStoreFromConfig` when
 * ATTACHMENT_STORE=s3 (a plain object schema, so that it can be extended).
 */
export const attachmentStoreConfig = z.object({
  ATTACHMENT_STORE: z.enum(['local', 's3']).default('local'),
  ATTACHMENT_DIR: z.string().min(1).default(DEFAULT_ATTACHMENT_DIR),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s):// URL' }).optional(),
  /** S3 bucket naming: 3-63 lowercase letters, digits, dots and dashes. */
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name')
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a region name such as cn-wuhan or us-east-1')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_URL_STYLE: z.enum(['path', 'virtual']).default('path'),
});

export type AttachmentStoreConfig = z.infer<typeof attachmentStoreConfig>;

/** The store the configuration names. ConfigError (one line, exit 78) when S3 is chosen without its settings. */
export function attachmentStoreFromConfig(config: AttachmentStoreConfig): AttachmentStore {
  if (config.ATTACHMENT_STORE === 'local') return new LocalDiskStore(config.ATTACHMENT_DIR);
  const required = (variable: 'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY'): string => {
    const value = config[variable];
    if (!value) throw new ConfigError(variable, 'is required when ATTACHMENT_STORE=s3');
    return value;
  };
  return new S3Store({
    endpoint: required('S3_ENDPOINT'),
    bucket: required('S3_BUCKET'),
    region: required('S3_REGION'),
    credentials: { accessKeyId: required('S3_ACCESS_KEY_ID'), secretAccessKey: required('S3_SECRET_ACCESS_KEY') },
    urlStyle: config.S3_URL_STYLE,
  });
}
