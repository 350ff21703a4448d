// The storefront process: configuration from the environment, the HTTP
// server on loopback, the outbox worker, and a graceful shutdown.
//
//   SHOPIFY_WEBHOOK_SECRET   the app's webhook signing secret (required)
//   DATABASE_URL             postgres://… to use Postgres; unset: SQLite
//   STOREFRONT_DB            the SQLite file (default: storefront.db)
//   HOST, PORT               where to listen (default: 127.0.0.1:3000)
import { Lotwise } from 'lotwise';

import { buildApp } from './app';
import { OutboxWorker } from './outbox';

export interface Running {
  /** The address the server listens on. */
  url: string;
  /** Stops taking requests, lets in-flight ones finish, stops the worker, closes the store. */
  shutdown: () => Promise<void>;
}

export interface StartOptions {
  database: string;
  shopifySecret: string;
  host?: string;
  port?: number;
  logger?: boolean;
  /** Where the worker's notices go; the log by default. */
  notify?: (text: string) => void;
}

export async function start(options: StartOptions): Promise<Running> {
  const lw = await Lotwise.openAsync(options.database);
  const app = buildApp({ lw, shopifySecret: options.shopifySecret, logger: options.logger ?? true });
  const notify = options.notify ?? ((text: string) => app.log.info({ notice: text }, 'notification'));
  const worker = new OutboxWorker(lw, { send: (n) => notify(`${n.kind}: ${n.text}`) });
  const url = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 3000 });
  worker.start();
  let stopping: Promise<void> | null = null;
  const shutdown = (): Promise<void> => {
    stopping ??= (async () => {
      await app.close(); // waits for in-flight requests
      await worker.stop();
      lw.close();
    })();
    return stopping;
  };
  return { url, shutdown };
}

async function main(): Promise<void> {
  const secret = process.env.SHOPIFY_WEBHOOK_SECRET;
  if (!secret) {
    console.error('set SHOPIFY_WEBHOOK_SECRET to the Shopify app\'s webhook signing secret');
    process.exit(2);
  }
  const running = await start({
    database: process.env.DATABASE_URL || process.env.STOREFRONT_DB || 'storefront.db',
    shopifySecret: secret,
    host: process.env.HOST || '127.0.0.1',
    port: Number(process.env.PORT || 3000),
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      running.shutdown().then(
        () => process.exit(0),
        (e: unknown) => {
          console.error(e);
          process.exit(1);
        },
      );
    });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
