// The storefront on Postgres (DATABASE_URL), when the test command provides
// a server (LOTWISE_PG_URL, scripts/postgres.sh): eight concurrent orders
// for scarce stock never oversell there either. Each run gets a fresh schema.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { Lotwise } from 'lotwise';

import { start } from '../src/server';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'core', 'tests', 'fixtures', 'channels', 'shopify');
const SECRET = 'lotwise-test-secret';
const SKU = 'CANDLE-LAV-200';
const admin = process.env.LOTWISE_PG_URL;

test('on Postgres, eight concurrent orders for scarce stock never oversell', { skip: admin ? false : 'set LOTWISE_PG_URL (scripts/postgres.sh start)' }, async () => {
  const pg = admin as string;
  const schema = `storefront_${process.pid}_${Date.now()}`;
  execFileSync('psql', [pg, '-q', '-c', `CREATE SCHEMA ${schema}`]);
  const database = `${pg}${pg.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
  try {
    const setup = await Lotwise.openAsync(database);
    assert.equal(setup.backend(), 'postgres');
    await setup.defineItemAsync({ sku: SKU, name: 'Lavender candle 200 g', kind: 'product', uom: 'pcs' });
    await setup.receiveAsync({ sku: SKU, qty: '5 pcs' });
    const running = await start({ database, shopifySecret: SECRET, port: 0, logger: false, notify: () => {} });
    try {
      const simple = readFileSync(join(FIXTURES, 'orders_create_simple.json'), 'utf8');
      const answers = await Promise.all(
        Array.from({ length: 8 }, async (_, n) => {
          const body = simple.replace(/6418203947821/g, String(7100000000000 + n));
          const res = await fetch(`${running.url}/webhooks/shopify/orders`, {
            method: 'POST',
            body,
            headers: {
              'content-type': 'application/json',
              'x-shopify-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
              'x-shopify-webhook-id': `pg-${n}`,
            },
          });
          return { status: res.status, json: (await res.json()) as { status: string } };
        }),
      );
      for (const a of answers) assert.equal(a.status, 200, JSON.stringify(a.json));
      const stock = await setup.stockAsync({ sku: SKU });
      assert.equal(stock.reserved, '5');
      assert.ok(Number(stock.reserved) <= 5);
      assert.equal((await setup.ordersAsync()).length, 8);
      assert.deepEqual(await setup.checkInvariantsAsync(), []);
    } finally {
      await running.shutdown();
      setup.close();
    }
  } finally {
    execFileSync('psql', [pg, '-q', '-c', `DROP SCHEMA ${schema} CASCADE`]);
  }
});
