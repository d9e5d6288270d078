import { compose } from './composition-root.js';
import { ConfigError, loadConfig } from './config/config.js';

/** Entry: loadConfig() → compose() → listen(). `node dist/index.js` in production. */
async function main(): Promise<void> {
  const config = loadConfig();
  const neuvo = await compose(config);
  await neuvo.start();
  const shutdown = (signal: string) => {
    neuvo.logger.info({ event: 'stopping', signal }, 'shutting down');
    neuvo.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  // The config error lists every problem; anything else is a start-up failure without details
  // that could hold personal data (there is none yet at start-up, but the rule is simple).
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Neuvo failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}\n`);
  process.exit(1);
});
