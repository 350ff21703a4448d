// The core's bad-input table (core/tests/bad_input.rs) through Node: each bad
// call throws its generated subclass with the same `code` and fields, and
// the state (a full snapshot, the event cursor) is unchanged afterwards.
'use strict';

const assert = require('node:assert/strict');
const { test } = require('node:test');

const E = require('..');
const { WAX, OIL, WICK, JAR, CANDLE, openShop } = require('./fixtures.js');
const { match } = require('./scenario_runner.js');

function place(lw, channel, ext, customer, qty) {
  const order = {
    channel,
    external_ref: ext,
    customer: { name: customer },
    lines: [{ sku: CANDLE, qty, unit_price: '24.00 USD' }],
  };
  return lw.placeOrder(order).order.id;
}

const shipAll = { carrier: 'USPS', tracking: '9400111899220000000001' };

/** SO-000001 shipped, SO-000002 ready to ship, SO-000003 placed. */
function populated() {
  const lw = openShop();
  lw.receive({ sku: WAX, qty: '20 kg', lot: 'SW-A', expiry: '2027-01-31' });
  lw.receive({ sku: OIL, qty: '1 l', lot: 'FO-A' });
  lw.receive({ sku: WICK, qty: '100 pcs', lot: 'WICK-1' });
  lw.receive({ sku: JAR, qty: '6 pcs', lot: 'JAR-1' });
  lw.receive({ sku: CANDLE, qty: '10 pcs', lot: 'CL-1' });
  const shipped = place(lw, 'shopify', '1001', 'Ada Byron', '3 pcs');
  lw.confirmOrder({ id: shipped });
  lw.ship({ id: shipped, request: shipAll });
  const ready = place(lw, 'etsy', '5001', 'Blaise Pascal', '4 pcs');
  lw.confirmOrder({ id: ready });
  place(lw, 'wholesale', 'PO-1', 'Corner Shop', '15 pcs');
  assert.deepEqual(lw.checkInvariants(), []);
  return lw;
}

// --- extra preparation ---------------------------------------------------------

const nothing = () => {};
function moAwaiting(lw) {
  assert.deepEqual(lw.confirmOrder({ id: 'SO-000003' }).mos, ['MO-000001']);
  assert.equal(lw.mo({ id: 'MO-000001' }).status, 'awaiting_materials');
}
function moReserved(lw) {
  moAwaiting(lw);
  lw.receive({ sku: JAR, qty: '30 pcs', lot: 'JAR-2' });
  assert.equal(lw.mo({ id: 'MO-000001' }).status, 'materials_reserved');
}
function moStarted(lw) {
  moReserved(lw);
  lw.startMo({ id: 'MO-000001' });
}
function waxExpired(lw) {
  moReserved(lw);
  lw.setClock({ at: '2027-02-01T09:00:00Z' });
}
const candlesExpired = (lw) => lw.setClock({ at: '2027-03-03T09:00:00Z' });
const orderCancelled = (lw) => lw.cancelOrder({ id: 'SO-000003' });
const mailerAcked = (lw) => lw.ackEvents({ consumer: 'mailer', seq: 10 });
function giftSet(lw) {
  lw.defineItem({ sku: 'GIFT-SET', name: 'Candle trio', kind: 'product', uom: 'pcs' });
  lw.defineRecipe({ product: 'GIFT-SET', batch_size: '1 pcs', inputs: [{ sku: CANDLE, qty: '3 pcs' }] });
}

// --- the table -----------------------------------------------------------------

const lines = (lw, ...orderLines) =>
  lw.placeOrder({ channel: 'manual', customer: { name: 'Dana Scully' }, lines: orderLines });
const recipe = (lw, product, batch, ...inputs) =>
  lw.defineRecipe({ product, batch_size: batch, inputs });
const ship = (lw, id, request) => lw.ship({ id, request });
const transition = (entity, id, from, action) => ({ entity, id, from, action });

// [name, call, class, code, fields, setup]
const CASES = [
  ['unknown sku', (lw) => lines(lw, { sku: 'CANDLE-ROSE', qty: '2 pcs' }),
    E.UnknownSkuError, 'unknown_sku', { sku: 'CANDLE-ROSE' }],
  ['zero quantity', (lw) => lw.receive({ sku: WAX, qty: '0 kg' }),
    E.InvalidQuantityError, 'invalid_quantity', { field: 'qty', value: '0 kg', reason: 'must be greater than zero' }],
  ['negative quantity', (lw) => lines(lw, { sku: CANDLE, qty: '-2 pcs' }),
    E.InvalidQuantityError, 'invalid_quantity', { field: 'lines[0].qty', value: '-2 pcs', reason: 'must be greater than zero' }],
  ['fractional pieces', (lw) => lw.receive({ sku: JAR, qty: '2.5 pcs' }),
    E.InvalidQuantityError, 'invalid_quantity', { field: 'qty', value: '2.5 pcs', reason: 'pieces must be whole' }],
  ['unit of another dimension', (lw) => lw.receive({ sku: WAX, qty: '2 l' }),
    E.UnitMismatchError, 'unit_mismatch', { expected: 'mass (g)', got: 'l' }],
  ['unknown unit in parse', (lw) => lw.receive({ sku: WAX, qty: '3 furlongs' }),
    E.UnknownUnitError, 'unknown_unit', { unit: 'furlongs' }],
  ['exponent in a quantity', (lw) => lw.receive({ sku: WAX, qty: '1e3 g' }),
    E.InvalidQuantityError, 'invalid_quantity', { value: '1e3', reason: 'not a decimal number' }],
  ['recipe cycle, direct', (lw) => recipe(lw, CANDLE, '12 pcs', { sku: CANDLE, qty: '1 pcs' }),
    E.RecipeCycleError, 'recipe_cycle', { path: [CANDLE, CANDLE] }],
  ['recipe cycle, through the candle', (lw) => recipe(lw, WAX, '1 kg', { sku: CANDLE, qty: '1 pcs' }),
    E.RecipeCycleError, 'recipe_cycle', { path: [WAX, CANDLE, WAX] }],
  ['recipe cycle, two levels deep', (lw) => recipe(lw, WAX, '1 kg', { sku: 'GIFT-SET', qty: '1 pcs' }),
    E.RecipeCycleError, 'recipe_cycle', { path: [WAX, 'GIFT-SET', CANDLE, WAX] }, giftSet],
  ['recipe with an unknown input', (lw) => recipe(lw, CANDLE, '12 pcs', { sku: 'ROSE-OIL', qty: '1 ml' }),
    E.UnknownSkuError, 'unknown_sku', { sku: 'ROSE-OIL' }],
  ['recipe with a 100 % scrap allowance',
    (lw) => recipe(lw, CANDLE, '12 pcs', { sku: WAX, qty: '2.4 kg', scrap_pct: '100' }),
    E.InvalidInputError, 'invalid_input', { field: 'scrap_pct', value: '100' }],
  ['duplicate sku', (lw) => lw.defineItem({ sku: WAX, name: 'Soy wax again', kind: 'material', uom: 'g' }),
    E.DuplicateSkuError, 'duplicate_sku', { sku: WAX }],
  ['sku with a space', (lw) => lw.defineItem({ sku: 'ROSE OIL', name: 'Rose oil', kind: 'material', uom: 'ml' }),
    E.InvalidInputError, 'invalid_input', { field: 'sku', value: 'ROSE OIL' }],
  ['duplicate location', (lw) => lw.defineLocation({ code: 'MAIN', name: 'Another main', kind: 'internal' }),
    E.DuplicateLocationError, 'duplicate_location', { location: 'MAIN' }],
  ['ship more than ready',
    (lw) => ship(lw, 'SO-000002', { carrier: 'USPS', tracking: '9400', lines: [{ line: 1, qty: '5 pcs' }] }),
    E.NotReadyToShipError, 'not_ready_to_ship', { order: 'SO-000002', line: 1, requested: '5', ready: '4' }],
  ['ship an unknown line', (lw) => ship(lw, 'SO-000002', { carrier: 'USPS', tracking: '9400', lines: [{ line: 9 }] }),
    E.UnknownOrderLineError, 'unknown_order_line', { order: 'SO-000002', line: 9 }],
  ['ship an order that is not confirmed', (lw) => ship(lw, 'SO-000003', { carrier: 'USPS', tracking: '9400' }),
    E.InvalidTransitionError, 'invalid_transition', transition('order', 'SO-000003', 'placed', 'ship')],
  ['ship a cancelled order', (lw) => ship(lw, 'SO-000003', { carrier: 'USPS', tracking: '9400' }),
    E.InvalidTransitionError, 'invalid_transition', transition('order', 'SO-000003', 'cancelled', 'ship'), orderCancelled],
  ['empty carrier', (lw) => ship(lw, 'SO-000002', { carrier: '', tracking: '9400' }),
    E.InvalidInputError, 'invalid_input', { field: 'carrier', value: '' }],
  ['blank tracking number', (lw) => ship(lw, 'SO-000002', { carrier: 'USPS', tracking: '   ' }),
    E.InvalidInputError, 'invalid_input', { field: 'tracking', value: '   ' }],
  ['confirm twice', (lw) => lw.confirmOrder({ id: 'SO-000002' }),
    E.InvalidTransitionError, 'invalid_transition', transition('order', 'SO-000002', 'ready_to_ship', 'confirm')],
  ['re-plan an order that is not confirmed', (lw) => lw.replanOrder({ id: 'SO-000003' }),
    E.InvalidTransitionError, 'invalid_transition', transition('order', 'SO-000003', 'placed', 'replan')],
  ['cancel a shipped order', (lw) => lw.cancelOrder({ id: 'SO-000001' }),
    E.InvalidTransitionError, 'invalid_transition', transition('order', 'SO-000001', 'shipped', 'cancel')],
  ['start an MO awaiting materials', (lw) => lw.startMo({ id: 'MO-000001' }),
    E.InvalidTransitionError, 'invalid_transition', transition('mo', 'MO-000001', 'awaiting_materials', 'start'), moAwaiting],
  ['complete an MO not started', (lw) => lw.completeMo({ id: 'MO-000001' }),
    E.InvalidTransitionError, 'invalid_transition', transition('mo', 'MO-000001', 'materials_reserved', 'complete'), moReserved],
  ['complete into another item\'s lot code', (lw) => lw.completeMo({ id: 'MO-000001', completion: { lot: 'SW-A' } }),
    E.DuplicateLotError, 'duplicate_lot', { lot: 'SW-A' }, moStarted],
  ['complete with output in kilograms', (lw) => lw.completeMo({ id: 'MO-000001', completion: { good_qty: '2 kg' } }),
    E.UnitMismatchError, 'unit_mismatch', { expected: 'count (pcs)', got: 'kg' }, moStarted],
  ['consume an expired lot', (lw) => lw.startMo({ id: 'MO-000001' }),
    E.LotExpiredError, 'lot_expired', { lot: 'SW-A', expiry: '2027-01-31' }, waxExpired],
  ['ship an expired lot', (lw) => ship(lw, 'SO-000002', { carrier: 'USPS', tracking: '9400' }),
    E.LotExpiredError, 'lot_expired', { lot: 'CL-1', expiry: '2027-03-02' }, candlesExpired],
  ['duplicate external order ref with other content',
    (lw) => lw.placeOrder({
      channel: 'shopify', external_ref: '1001', customer: { name: 'Ada Byron' },
      lines: [{ sku: CANDLE, qty: '4 pcs', unit_price: '24.00 USD' }],
    }),
    E.DuplicateExternalOrderError, 'duplicate_external_order', { channel: 'shopify', external_ref: '1001' }],
  ['order with no lines', (lw) => lines(lw),
    E.InvalidInputError, 'invalid_input', { field: 'lines', value: '[]' }],
  ['empty customer name',
    (lw) => lw.placeOrder({ channel: 'manual', customer: { name: ' ' }, lines: [{ sku: CANDLE, qty: '1 pcs' }] }),
    E.InvalidInputError, 'invalid_input', { field: 'customer.name', value: ' ' }],
  ['mixed currencies across lines',
    (lw) => lines(lw, { sku: CANDLE, qty: '1 pcs', unit_price: '24.00 USD' }, { sku: CANDLE, qty: '1 pcs', unit_price: '22.00 EUR' }),
    E.CurrencyMismatchError, 'currency_mismatch', { expected: 'USD', got: 'EUR' }],
  ['negative price', (lw) => lines(lw, { sku: CANDLE, qty: '1 pcs', unit_price: '-5.00 USD' }),
    E.InvalidInputError, 'invalid_input', { field: 'lines[0].unit_price', value: '-5.00 USD' }],
  ['order line naming an unknown lot', (lw) => lines(lw, { sku: CANDLE, qty: '1 pcs', lot: 'CL-NOPE' }),
    E.UnknownLotError, 'unknown_lot', { lot: 'CL-NOPE' }],
  ['adjust below reserved', (lw) => lw.adjustStock({ sku: CANDLE, lot: 'CL-1', delta: '-5 pcs', reason: 'dropped a box' }),
    E.InsufficientStockError, 'insufficient_stock', { sku: CANDLE, requested: '5', available: '3' }],
  ['adjust without a reason', (lw) => lw.adjustStock({ sku: CANDLE, lot: 'CL-1', delta: '-1 pcs', reason: '  ' }),
    E.InvalidInputError, 'invalid_input', { field: 'reason' }],
  ['receive into a virtual location', (lw) => lw.receive({ sku: WAX, qty: '1 kg', location: 'CUSTOMER' }),
    E.InvalidInputError, 'invalid_input', { field: 'location', value: 'CUSTOMER' }],
  ['receive into an unknown location', (lw) => lw.receive({ sku: WAX, qty: '1 kg', location: 'BACKROOM' }),
    E.UnknownLocationError, 'unknown_location', { location: 'BACKROOM' }],
  ['lot code of another sku', (lw) => lw.receive({ sku: JAR, qty: '6 pcs', lot: 'SW-A' }),
    E.DuplicateLotError, 'duplicate_lot', { lot: 'SW-A', sku: WAX }],
  ['unknown order', (lw) => lw.confirmOrder({ id: 'SO-000099' }),
    E.UnknownOrderError, 'unknown_order', { order: 'SO-000099' }],
  ['unknown manufacturing order', (lw) => lw.startMo({ id: 'MO-000099' }),
    E.UnknownMoError, 'unknown_mo', { mo: 'MO-000099' }],
  ['unknown lot', (lw) => lw.adjustStock({ sku: CANDLE, lot: 'CL-NOPE', delta: '-1 pcs', reason: 'count' }),
    E.UnknownLotError, 'unknown_lot', { lot: 'CL-NOPE' }],
  ['ack events backwards', (lw) => lw.ackEvents({ consumer: 'mailer', seq: 4 }),
    E.InvalidInputError, 'invalid_input', { field: 'seq', value: '4' }, mailerAcked],
  ['ack events past the last one', (lw) => lw.ackEvents({ consumer: 'mailer', seq: 10000 }),
    E.InvalidInputError, 'invalid_input', { field: 'seq', value: '10000' }],
];

test('the table is complete', () => {
  const names = new Set(CASES.map((c) => c[0]));
  assert.equal(names.size, CASES.length);
  assert.ok(CASES.length >= 45);
});

for (const [name, run, cls, code, fields, setup = nothing] of CASES) {
  test(`bad input: ${name}`, () => {
    const lw = populated();
    setup(lw);
    const before = lw.snapshot();
    const cursor = lw.eventCursor({ consumer: 'mailer' });
    let thrown;
    try {
      run(lw);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown, 'the bad call did not throw');
    assert.equal(thrown.constructor, cls, `${thrown.constructor.name}: ${thrown.message}`);
    assert.ok(thrown instanceof E.LotwiseError && thrown instanceof Error);
    assert.equal(thrown.code, code);
    assert.equal(thrown.name, cls.name);
    assert.ok(thrown.message.length > 0);
    // The fields as `fields` and as properties, decimals compared as decimals.
    assert.equal(match(fields, thrown.fields), null, JSON.stringify(thrown.fields));
    for (const key of Object.keys(fields)) assert.deepEqual(thrown[key], thrown.fields[key]);
    assert.deepEqual(lw.snapshot(), before, 'the refused call changed the state');
    assert.equal(lw.eventCursor({ consumer: 'mailer' }), cursor);
    assert.deepEqual(lw.checkInvariants(), []);
  });
}
