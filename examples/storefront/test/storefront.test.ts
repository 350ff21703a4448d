// The storefront over loopback with the Shopify fixtures: a signed delivery
// is imported once even when posted twice, a bad or missing signature is 401
// and a malformed body 400 with nothing imported, concurrent orders for
// scarce stock never oversell, and the outbox worker announces a shipment.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { Lotwise } from 'lotwise';

import { start, type Running } from '../src/server';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'core', 'tests', 'fixtures', 'channels', 'shopify');
const SECRET = 'lotwise-test-secret';
const SKU = 'CANDLE-LAV-200';
const SIMPLE = readFileSync(join(FIXTURES, 'orders_create_simple.json'));
const HEADERS: Record<string, string> = JSON.parse(readFileSync(join(FIXTURES, 'webhook_headers.json'), 'utf8'));

const dir = mkdtempSync(join(tmpdir(), 'storefront-'));
const database = join(dir, 'shop.db');
const notices: string[] = [];
let running: Running;
let shop: Lotwise; // a second handle on the same file, to look at the state

function sign(body: Buffer | string): string {
  return createHmac('sha256', SECRET).update(body).digest('base64');
}

async function deliver(body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  const bytes = typeof body === 'string' ? body : new Uint8Array(body);
  const res = await fetch(`${running.url}/webhooks/shopify/orders`, { method: 'POST', body: bytes, headers });
  return { status: res.status, json: await res.json() };
}

/** The simple order under another Shopify id, signed, with its own webhook id. */
function anotherOrder(n: number): { body: string; headers: Record<string, string> } {
  const body = SIMPLE.toString('utf8').replace(/6418203947821/g, String(7000000000000 + n));
  const headers = { ...HEADERS, 'X-Shopify-Hmac-Sha256': sign(body), 'X-Shopify-Webhook-Id': `delivery-${n}` };
  return { body, headers };
}

before(async () => {
  const setup = Lotwise.open(database);
  setup.defineItem({ sku: SKU, name: 'Lavender candle 200 g', kind: 'product', uom: 'pcs' });
  setup.receive({ sku: SKU, qty: '5 pcs', lot: 'LAV-1' });
  setup.close();
  running = await start({ database, shopifySecret: SECRET, port: 0, logger: false, notify: (t) => notices.push(t) });
  assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  shop = Lotwise.open(database);
});

after(async () => {
  await running.shutdown();
  shop.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a quote is a promise date and its reason, and writes nothing', async () => {
  const events = shop.eventsAfter({ after: 0, limit: 1000 }).length;
  const res = await fetch(`${running.url}/quotes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lines: [{ sku: SKU, qty: '1 pcs' }] }),
  });
  assert.equal(res.status, 200);
  const quote: any = await res.json();
  assert.match(quote.promised_date, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(quote.explanation.length > 0);
  const bad = await fetch(`${running.url}/quotes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lines: [{ sku: SKU, qty: 1 }] }),
  });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as any).error.code, 'invalid_input');
  assert.equal(shop.eventsAfter({ after: 0, limit: 1000 }).length, events);
});

test('a wrong or missing signature is 401 and imports nothing', async () => {
  const before = shop.snapshot();
  const wrong = await deliver(SIMPLE, { ...HEADERS, 'X-Shopify-Hmac-Sha256': sign('another body') });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json.error.code, 'invalid_signature');
  const { 'X-Shopify-Hmac-Sha256': _dropped, ...unsigned } = HEADERS;
  const missing = await deliver(SIMPLE, unsigned);
  assert.equal(missing.status, 401);
  assert.equal(missing.json.error.reason, 'missing');
  assert.deepEqual(shop.snapshot(), before);
});

test('a malformed body is 400 and imports nothing', async () => {
  const before = shop.snapshot();
  for (const body of ['{"id": 1, "line_items": ', '[]', '{"id": "not a number"}']) {
    const res = await deliver(body, { ...HEADERS, 'X-Shopify-Hmac-Sha256': sign(body), 'X-Shopify-Webhook-Id': `bad-${body.length}` });
    assert.equal(res.status, 400, body);
    assert.equal(res.json.error.code, 'invalid_payload');
  }
  assert.deepEqual(shop.snapshot(), before);
});

test('a signed delivery is imported once, even when posted twice', async () => {
  const first = await deliver(SIMPLE, HEADERS);
  assert.equal(first.status, 200);
  assert.equal(first.json.status, 'imported');
  assert.equal(first.json.replayed, false);
  const again = await deliver(SIMPLE, HEADERS);
  assert.equal(again.status, 200);
  assert.equal(again.json.replayed, true);
  assert.equal(again.json.order, first.json.order);
  const orders = shop.orders().filter((o) => o.external_ref === '6418203947821');
  assert.equal(orders.length, 1);

  const view = await fetch(`${running.url}/orders/${first.json.order}`);
  assert.equal(view.status, 200);
  const order: any = await view.json();
  assert.equal(order.status, 'ready_to_ship');
  assert.equal(order.lines.length, 1);
  assert.equal((await fetch(`${running.url}/orders/SO-999999`)).status, 404);
});

test('eight concurrent orders for scarce stock never oversell', async () => {
  const deliveries = Array.from({ length: 8 }, (_, n) => anotherOrder(n));
  const answers = await Promise.all(deliveries.map((d) => deliver(d.body, d.headers)));
  for (const a of answers) {
    assert.equal(a.status, 200, JSON.stringify(a.json));
    assert.equal(a.json.status, 'imported');
  }
  assert.equal(new Set(answers.map((a) => a.json.order)).size, 8);
  const stock = shop.stock({ sku: SKU });
  const received = 5;
  const shipped = shop.movements().filter((m) => m.sku === SKU && m.reason === 'shipment').length;
  assert.equal(shipped, 0);
  assert.ok(Number(stock.reserved) + shipped <= received, `reserved ${stock.reserved} of ${received}`);
  assert.equal(stock.reserved, '5'); // every candle went to some order, none twice
  assert.deepEqual(shop.checkInvariants(), []);

  const inventory: any = await (await fetch(`${running.url}/inventory`)).json();
  assert.deepEqual(inventory, [{ sku: SKU, available: '0' }]);
  const recall: any = await (await fetch(`${running.url}/lots/LAV-1/recall`)).json();
  assert.equal(recall.lot, 'LAV-1');
  assert.equal((await fetch(`${running.url}/lots/NOPE/recall`)).status, 404);
});

test('the outbox worker announces a shipment with its tracking number', async () => {
  const ready = shop.orders().find((o) => o.status === 'ready_to_ship');
  assert.ok(ready, 'an order is ready to ship');
  shop.ship({ id: ready.id, request: { carrier: 'USPS', tracking: '9400111899223197428490' } });
  const deadline = Date.now() + 10_000;
  while (!notices.some((n) => n.includes('9400111899223197428490')) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const notice = notices.find((n) => n.includes('9400111899223197428490'));
  assert.ok(notice, `no shipped notice in ${JSON.stringify(notices)}`);
  assert.match(notice, new RegExp(`^shipped: .*order ${ready.id} shipped with USPS`));
  // Acknowledged as it went: nothing left after the worker's cursor.
  const cursor = shop.eventCursor({ consumer: 'storefront-notifier' });
  assert.ok(cursor > 0);
});

test('shutdown lets the server go and closes the store', async () => {
  const other = await start({ database, shopifySecret: SECRET, port: 0, logger: false, notify: () => {} });
  const inflight = fetch(`${other.url}/inventory`).then((r) => r.status);
  await new Promise((r) => setTimeout(r, 20));
  await other.shutdown();
  assert.equal(await inflight, 200);
  await assert.rejects(fetch(`${other.url}/inventory`));
});
