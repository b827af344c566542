// Storezero.io server: `node server.js` (started by ./storezero). Settings in src/config.js.
import { createApp } from './src/app.js';
import { configFrom } from './src/config.js';
import { OrdersStore } from './src/orders.js';

const config = configFrom();
const store = new OrdersStore(config.dbFile);
const server = createApp(config, store).listen(config.port, config.host, () => {
  console.log(`Storezero.io on http://localhost:${config.port} (API issuer ${config.issuer}, orders in ${config.dbFile})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => {
    store.close();
    process.exit(0);
  }));
}
