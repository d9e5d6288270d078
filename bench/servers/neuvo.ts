import { compose } from '../../src/composition-root.js';
import { loadConfig } from '../../src/config/config.js';

/** Neuvo as in production (composition root, SQLite in a temp dir), for the turns bench. */
const neuvo = await compose(loadConfig());
await neuvo.start();
process.send?.('ready');
