import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({}, []);
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', demo: true, maxMessageBytes: 1024 * 1024 });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads the environment and lets flags win', () => {
    const config = loadConfig({ PORT: '9000', DATA_DIR: '/srv/civic-ledger', HOST: '0.0.0.0' }, [
      '--port',
      '9100',
      '--no-demo',
      '--max-message-bytes=2048',
    ]);
    expect(config).toMatchObject({
      port: 9100,
      host: '0.0.0.0',
      dataDir: '/srv/civic-ledger',
      demo: false,
      maxMessageBytes: 2048,
    });
  });

  it('refuses a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, [])).toThrow(ConfigError);
  });
});
