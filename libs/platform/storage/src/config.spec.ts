import { ConfigError, parseConfig } from '@gov/platform-config';
import { resolve } from 'node:path';
import { attachmentStoreConfig, attachmentStoreFromConfig, DEFAULT_ATTACHMENT_DIR } from './config.js';
import { LocalDiskStore } from './local-disk-store.js';
import { S3Store } from './s3-store.js';

const S3_ENV = {
  ATTACHMENT_STORE: 's3',
  S3_ENDPOINT: 'https://minio.jingmen.example:9000',
  S3_BUCKET: 'petition-attachments',
  S3_REGION: 'cn-central-1',
  S3_ACCESS_KEY_ID: 'gateway',
  S3_SECRET_ACCESS_KEY: 'not-a-real-secret',
};

describe('attachmentStoreFromConfig', () => {
  it('defaults to a local directory under the working directory', () => {
    const store = attachmentStoreFromConfig(parseConfig(attachmentStoreConfig, {}));
    expect(store).toBeInstanceOf(LocalDiskStore);
    expect((store as LocalDiskStore).dir).toBe(resolve(DEFAULT_ATTACHMENT_DIR));
  });

  it('builds an S3 store with path-style object URLs', () => {
    const store = attachmentStoreFromConfig(parseConfig(attachmentStoreConfig, S3_ENV));
    expect(store).toBeInstanceOf(S3Store);
    const id = '0b6f9a52-3b1c-4c8e-9f3a-1d2e3f4a5b6c';
    expect((store as S3Store).objectUrl(id).href).toBe(`https://minio.jingmen.example:9000/petition-attachments/${id}`);
    const virtual = attachmentStoreFromConfig(parseConfig(attachmentStoreConfig, { ...S3_ENV, S3_ENDPOINT: 'https://oss-cn-wuhan-lr.aliyuncs.com', S3_URL_STYLE: 'virtual' }));
    expect((virtual as S3Store).objectUrl(id).href).toBe(`https://petition-attachments.oss-cn-wuhan-lr.aliyuncs.com/${id}`);
  });

  it('names the missing or bad S3 setting at start-up', () => {
    for (const variable of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      const env: Record<string, string | undefined> = { ...S3_ENV, [variable]: undefined };
      expect(() => attachmentStoreFromConfig(parseConfig(attachmentStoreConfig, env))).toThrow(new ConfigError(variable, 'is required when ATTACHMENT_STORE=s3'));
    }
    expect(() => parseConfig(attachmentStoreConfig, { ...S3_ENV, S3_ENDPOINT: 'ftp://minio' })).toThrow(/S3_ENDPOINT is invalid/);
    expect(() => parseConfig(attachmentStoreConfig, { ...S3_ENV, S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET is invalid/);
    expect(() => parseConfig(attachmentStoreConfig, { ATTACHMENT_STORE: 'ftp' })).toThrow(/ATTACHMENT_STORE is invalid/);
  });
});
