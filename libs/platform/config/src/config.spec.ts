import { z } from 'zod';
import { baseConfigSchema, ConfigError, parseConfig } from './config.js';

const schema = baseConfigSchema.extend({ SECRET: z.string().min(4) });

describe('parseConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const cfg = parseConfig(schema, { HTTP_PORT: '4001', SECRET: 'abcd' });
    expect(cfg.HTTP_PORT).toBe(4001);
    expect(cfg.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(cfg.NODE_ENV).toBe('development');
  });

  it('names a missing variable', () => {
    expect(() => parseConfig(schema, { HTTP_PORT: '4001' })).toThrow(new ConfigError('SECRET', 'is required'));
  });

  it('names an invalid variable and why', () => {
    expect(() => parseConfig(schema, { HTTP_PORT: 'eighty', SECRET: 'abcd' })).toThrow(/HTTP_PORT is invalid/);
    expect(() => parseConfig(schema, { HTTP_PORT: '1', SECRET: 'abcd', NATS_URL: 'http://x' })).toThrow(/NATS_URL is invalid: must be a nats:\/\/ URL/);
  });
});
