import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig } from './config.ts';

const key = Buffer.alloc(32, 1).toString('base64');

describe('config', () => {
  it('parses, applies defaults and freezes', () => {
    const c = loadConfig({ SETU_SECRET_KEY: key, PORT: '8080', TRUST_PROXY: 'true' });
    expect(c).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', TRUST_PROXY: true, OTP_SENDER: 'log', NODE_ENV: 'development' });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('stops the start with a message naming each bad variable', () => {
    expect(() => loadConfig({ SETU_SECRET_KEY: key, PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrowError(ConfigError);
    try {
      loadConfig({ SETU_SECRET_KEY: key, PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT: /);
      expect((e as Error).message).toMatch(/DATABASE_URL: must start with postgres:\/\//);
    }
  });

  it('refuses development shortcuts in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', OTP_SENDER: 'http', SMS_GATEWAY_URL: 'http://sms.local/send' })).toThrowError(
      /SETU_SECRET_KEY is required/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', SETU_SECRET_KEY: key })).toThrowError(/OTP_SENDER=log/);
    expect(() => loadConfig({ SETU_SECRET_KEY: key, OTP_SENDER: 'http' })).toThrowError(/SMS_GATEWAY_URL/);
    expect(() => loadConfig({ SETU_SECRET_KEY: key, BACKGROUND_JOBS: 'false' })).toThrowError(/BACKGROUND_JOBS=false needs DATABASE_URL/);
    expect(loadConfig({ SETU_SECRET_KEY: key, BACKGROUND_JOBS: 'false', DATABASE_URL: 'postgres://db/setu' }).BACKGROUND_JOBS).toBe(false);
    expect(() => loadConfig({ SETU_SECRET_KEY: 'short' })).toThrowError(/32 bytes/);
  });

  it('is documented: README names every variable', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(configSchema.shape)) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});
