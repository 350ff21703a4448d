// Webhook requests per second on SQLite: N signed deliveries of distinct
// orders (the Shopify fixture under new ids), 8 at a time over loopback,
// each verified, imported and confirmed in one transaction. Build first
// (`npx tsc -p .`), then `node dist/bench/webhooks.js` (N=2000 by default).
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Lotwise } from 'lotwise';

import { start } from '../src/server';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'core', 'tests', 'fixtures', 'channels', 'shopify');
const SECRET = 'bench-secret';
const N = Number(process.env.N || 2000);
const CONCURRENCY = 8;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'storefront-bench-'));
  const database = join(dir, 'shop.db');
  const setup = Lotwise.open(database);
  setup.defineItem({ sku: 'CANDLE-LAV-200', name: 'Lavender candle', kind: 'product', uom: 'pcs' });
  setup.receive({ sku: 'CANDLE-LAV-200', qty: `${2 * N} pcs` });
  setup.close();
  const running = await start({ database, shopifySecret: SECRET, port: 0, logger: false, notify: () => {} });
  const simple = readFileSync(join(FIXTURES, 'orders_create_simple.json'), 'utf8');
  const headers = JSON.parse(readFileSync(join(FIXTURES, 'webhook_headers.json'), 'utf8')) as Record<string, string>;
  const bodies = Array.from({ length: N }, (_, n) => simple.replace(/6418203947821/g, String(8000000000000 + n)));
  let next = 0;
  let failed = 0;
  const began = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const n = next++;
        const body = bodies[n];
        const res = await fetch(`${running.url}/webhooks/shopify/orders`, {
          method: 'POST',
          body,
          headers: {
            ...headers,
            'X-Shopify-Hmac-Sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
            'X-Shopify-Webhook-Id': `bench-${n}`,
          },
        });
        await res.arrayBuffer();
        if (res.status !== 200) failed += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  await running.shutdown();
  rmSync(dir, { recursive: true, force: true });
  console.log(`${N} webhooks (verify + import + confirm), ${CONCURRENCY} at a time, SQLite file: ` +
    `${(N / seconds).toFixed(0)} requests/s, ${((seconds / N) * 1e3).toFixed(2)} ms each on average; ${failed} failed`);
  if (failed > 0) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
