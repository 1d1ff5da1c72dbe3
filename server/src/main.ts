// Process entry: reads the configuration, starts the server, and on SIGTERM/SIGINT
// stores everything before it exits.
import { ConfigError, loadConfig } from './ops/config.ts';
import { errorFields, log } from './ops/log.ts';
import { startServer } from './server.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  let signals = 0;
  const shutdown = (signal: string) => {
    signals++;
    if (signals > 1) {
      log.warn('second signal: exiting without waiting', { signal });
      process.exit(1);
    }
    log.info('shutting down', { signal });
    server.stop().then(
      () => process.exit(0),
      (err) => {
        log.error('shutdown failed', errorFields(err));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) log.error('invalid configuration', { error: err.message });
  else log.error('server failed to start', errorFields(err));
  process.exit(1);
});
