// How values and errors cross: decimals are strings and a JS number is
// refused, never coerced; integers past 2^53 stay strings; absent is null;
// every error is its generated subclass; a panic is an InternalError and
// the process lives on; async forms settle the same way off the JS thread.
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const lotwise = require('..');
const { Lotwise } = lotwise;
const { WAX, CANDLE, T0, openShop } = require('./fixtures.js');

const SHOPIFY = path.join(__dirname, '..', '..', 'core', 'tests', 'fixtures', 'channels', 'shopify');

function refusedWithoutWriting(lw, call, field) {
  const before = lw.snapshot();
  assert.throws(call, (e) => {
    assert.ok(e instanceof lotwise.InvalidInputError, `${e.constructor.name}: ${e.message}`);
    assert.equal(e.code, 'invalid_input');
    assert.equal(e.field, field);
    assert.match(e.reason, /invalid type: (integer|floating point)/);
    return true;
  });
  assert.deepEqual(lw.snapshot(), before);
}

test('a JS number where a decimal, quantity or amount is expected is refused', () => {
  const lw = openShop();
  refusedWithoutWriting(lw, () => lw.receive({ sku: WAX, qty: 5 }), 'args.qty');
  refusedWithoutWriting(lw, () => lw.receive({ sku: WAX, qty: 2.5 }), 'args.qty');
  refusedWithoutWriting(
    lw,
    () => lw.defineRecipe({ product: CANDLE, batch_size: '12 pcs', inputs: [{ sku: WAX, qty: '2 kg', scrap_pct: 2 }] }),
    'args.inputs[0].scrap_pct',
  );
  refusedWithoutWriting(
    lw,
    () => lw.placeOrder({ channel: 'web', customer: { name: 'Ada' }, lines: [{ sku: CANDLE, qty: '1 pcs', unit_price: 24 }] }),
    'args.lines[0].unit_price',
  );
  refusedWithoutWriting(lw, () => lw.defineItem({ sku: 'X', name: 'X', kind: 'product', uom: 'pcs', reorder_point: 3 }), 'args.reorder_point');
});

test('decimals come back as exact strings, absent values as null', () => {
  const lw = openShop();
  lw.receive({ sku: WAX, qty: '20.125 kg', lot: 'SW-A' });
  const stock = lw.stock({ sku: WAX });
  assert.equal(stock.on_hand, '20125');
  assert.equal(typeof stock.available, 'string');
  const item = lw.item({ sku: CANDLE });
  assert.equal(item.reorder_point, null);
  assert.equal(item.lead_time_days, null);
  assert.equal(lw.orderByExternal({ channel: 'shopify', external_ref: 'nope' }), null);
  assert.equal(lw.parseQty({ text: '2.50 kg' }), '2.5 kg');
  assert.equal(lw.parseMoney({ text: '18.00 USD' }), '18.00 USD');
});

test('an integer past 2^53 stays a string', () => {
  const lw = openShop();
  lw.defineItem({ sku: 'CANDLE-LAV-200', name: 'Lavender candle', kind: 'product', uom: 'pcs' });
  const big = '9007199254740993'; // 2^53 + 1: a JS number would read 9007199254740992
  const body = fs.readFileSync(path.join(SHOPIFY, 'orders_create_simple.json'), 'utf8').replace('"variant_id": 44612930551906', `"variant_id": ${big}`);
  assert.ok(body.includes(big));
  const signature = crypto.createHmac('sha256', 'secret').update(body).digest('base64');
  const receipt = lw.receiveShopifyWebhook({ secret: 'secret', headers: { 'x-shopify-hmac-sha256': signature }, body });
  const order = lw.channelOrder({ id: receipt.import.order });
  assert.equal(order.lines[0].variant_id, big);
  assert.equal(typeof order.lines[0].product_id, 'number'); // a safe one stays a number
});

test('every error code has its generated class', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'lotwise.v1.json'), 'utf8'));
  for (const { code, category, fields } of schema.errors) {
    const cls = lotwise.errorClass(code);
    assert.notEqual(cls, lotwise.LotwiseError, code);
    assert.equal(lotwise[cls.name], cls, `${cls.name} is exported`);
    const sample = Object.fromEntries(Object.keys(fields).map((f) => [f, `${f}-value`]));
    const e = new cls({ code, message: 'm', ...sample });
    assert.ok(e instanceof lotwise.LotwiseError && e instanceof Error);
    assert.equal(e.code, code);
    assert.equal(e.category, category);
    assert.equal(e.retryable, category === 'retryable');
    for (const f of Object.keys(fields)) assert.equal(e[f], `${f}-value`);
    if (category === 'storage') assert.ok(e instanceof lotwise.StorageError);
  }
  assert.equal(lotwise.errorClass('no_such_code'), lotwise.LotwiseError);
});

test('a panic in native code is an InternalError and the process lives on', () => {
  const lw = openShop();
  assert.throws(() => lw._panicForTests('boom'), (e) => {
    assert.ok(e instanceof lotwise.InternalError);
    assert.equal(e.code, 'internal');
    assert.match(e.reason, /panic: boom/);
    return true;
  });
  assert.equal(lw.item({ sku: WAX }).sku, WAX);
});

test('args Node cannot express as JSON are invalid_input, not a generic failure', () => {
  const lw = openShop();
  assert.throws(() => lw.receive({ sku: WAX, qty: () => '1 kg' }), (e) => e instanceof lotwise.InvalidInputError && e.field === 'args');
  // An `undefined` property is left out, as TypeScript's optional fields are.
  assert.equal(lw.receive({ sku: WAX, qty: '1 kg', lot: undefined }).sku, WAX);
  assert.throws(() => lw.execute('launch_rocket', {}), (e) => e instanceof lotwise.InvalidInputError && e.field === 'do');
  assert.throws(() => lw.item({ sku: WAX, extra: 1 }), (e) => e instanceof lotwise.InvalidInputError && e.field === 'args.extra');
});

test('async forms run off the JS thread and settle like the sync ones', async () => {
  const lw = await Lotwise.openAsync(':memory:', { clock: new Date(T0) });
  assert.equal(lw.now(), T0);
  await lw.defineItemAsync({ sku: WAX, name: 'Soy wax', kind: 'material', uom: 'kg' });
  const [lot, items] = await Promise.all([lw.receiveAsync({ sku: WAX, qty: '2 kg' }), lw.itemsAsync()]);
  assert.equal(lot.sku, WAX);
  assert.equal(items.length, 1);
  await assert.rejects(lw.stockAsync({ sku: 'NOPE' }), (e) => e instanceof lotwise.UnknownSkuError && e.sku === 'NOPE');
  await assert.rejects(lw.receiveAsync({ sku: WAX, qty: 1 }), lotwise.InvalidInputError);
  await assert.rejects(Lotwise.openAsync('/nonexistent-dir/x/shop.db'), lotwise.LotwiseError);
});

test('a closed engine refuses calls with a StorageError', async () => {
  const lw = Lotwise.open();
  assert.equal(lw.closed, false);
  lw.close();
  assert.equal(lw.closed, true);
  assert.throws(() => lw.items(), lotwise.StorageError);
  await assert.rejects(lw.itemsAsync(), lotwise.StorageError);
  assert.match(lw.executeJson('{"do": "items"}'), /"code":"storage"/);
});

test('a SQLite file keeps what was written', () => {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'lotwise-node-'));
  const file = path.join(dir, 'shop.db');
  const lw = Lotwise.open(file);
  assert.equal(lw.backend(), 'sqlite');
  lw.defineItem({ sku: WAX, name: 'Soy wax', kind: 'material', uom: 'kg' });
  lw.close();
  const again = Lotwise.open(file);
  assert.equal(again.item({ sku: WAX }).name, 'Soy wax');
  again.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the operation table covers the schema, one method and one async twin each', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'lotwise.v1.json'), 'utf8'));
  assert.deepEqual(lotwise.OPERATIONS.map((o) => o.name), schema.operations.map((o) => o.name));
  for (const op of lotwise.OPERATIONS) {
    assert.equal(typeof Lotwise.prototype[op.method], 'function', op.method);
    assert.equal(typeof Lotwise.prototype[`${op.method}Async`], 'function');
  }
});

test('NaN, Infinity and BigInt are refused, not turned into null', () => {
  const lw = openShop();
  const before = lw.snapshot();
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.throws(
      () => lw.defineItem({ sku: 'X', name: 'X', kind: 'product', uom: 'pcs', shelf_life_days: bad }),
      (e) => e instanceof lotwise.InvalidInputError && e.field === 'args' && /JSON cannot hold/.test(e.reason),
    );
  }
  assert.throws(() => lw.ackEvents({ consumer: 'c', seq: 10n }), lotwise.InvalidInputError);
  assert.deepEqual(lw.snapshot(), before);
  // A Date where a date or instant is expected crosses as its ISO text.
  assert.equal(lw.setClock({ at: new Date('2026-04-01T10:00:00Z') }), '2026-04-01T10:00:00Z');
});
