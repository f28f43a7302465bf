import { describe, expect, it } from 'vitest';
import { assertServable, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to port 3000, ./data and the embedded database', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sqlitePath).toMatch(/data\/caseway\.sqlite$/);
    expect(config.autoCloseDays).toBe(10);
    expect(config.devMailbox).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => loadConfig({ AUTO_CLOSE_DAYS: '0' })).toThrow(/AUTO_CLOSE_DAYS/);
    expect(() => loadConfig({ DEFAULT_TIME_ZONE: 'JST' })).toThrow(/DEFAULT_TIME_ZONE must be an IANA time zone/);
    expect(loadConfig({ DEFAULT_TIME_ZONE: 'Asia/Tokyo' }).defaultTimeZone).toBe('Asia/Tokyo');
    expect(loadConfig({}).defaultTimeZone).toBe('UTC');
  });

  it('refuses to serve in production without SMTP_URL', () => {
    const config = loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://support.example.com' });
    expect(config.devMailbox).toBe(false);
    expect(() => assertServable(config)).toThrow(/SMTP_URL is required/);
    expect(() => assertServable(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://s.example.com', SMTP_URL: 'smtp://127.0.0.1:25' }))).not.toThrow();
  });
});
