// Per-call overhead of the Node binding: the same operations timed from
// Node (facade -> addon -> command layer -> engine -> JS values) and in
// Rust alone (`Lotwise::execute` on the same store, through the addon's
// `_benchRust`), best of five runs each. Build optimised first:
//
//   LOTWISE_NODE_RELEASE=1 node install.js && node bench/overhead.js
'use strict';

const { Lotwise } = require('..');

const N = Number(process.env.N || 20000);

function perCall(f) {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < N; i++) f();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e3 / N);
  }
  return best;
}

// The workload: a candle, its wax and wicks, one order placed and confirmed.
const lw = Lotwise.open(':memory:');
lw.defineItem({ sku: 'WAX', name: 'Soy wax', kind: 'material', uom: 'kg', shelf_life_days: 365 });
lw.defineItem({ sku: 'WICK', name: 'Cotton wick', kind: 'material', uom: 'pcs' });
lw.defineItem({ sku: 'CANDLE', name: 'Lavender candle', kind: 'product', uom: 'pcs' });
lw.defineRecipe({ product: 'CANDLE', batch_size: '1 pcs', inputs: [{ sku: 'WAX', qty: '0.2 kg' }, { sku: 'WICK', qty: '1 pcs' }] });
lw.receive({ sku: 'WAX', qty: '10 kg', expiry: '2031-01-31' });
lw.receive({ sku: 'WICK', qty: '100 pcs' });
lw.receive({ sku: 'CANDLE', qty: '5 pcs' });
const { order } = lw.placeOrder({ channel: 'etsy', external_ref: '3141592', customer: { name: 'Grace Hopper' }, lines: [{ sku: 'CANDLE', qty: '12 pcs', unit_price: '18.00 USD' }] });
lw.confirmOrder({ id: order.id });

const calls = [
  ['now', 'now', null, () => lw.now()],
  ['item (small record)', 'item', { sku: 'WAX' }, () => lw.item({ sku: 'WAX' })],
  ['stock (record + lots)', 'stock', { sku: 'WAX' }, () => lw.stock({ sku: 'WAX' })],
  ['order (order + line)', 'order', { id: order.id }, () => lw.order({ id: order.id })],
];

console.log(`N = ${N} calls, best of 5; Node ${process.version}`);
console.log('call'.padEnd(26), 'Rust µs'.padStart(9), 'Node µs'.padStart(9), 'overhead µs'.padStart(12));
for (const [label, name, args, fromNode] of calls) {
  const rust = lw._benchRust(name, args, N);
  const node = perCall(fromNode);
  console.log(label.padEnd(26), rust.toFixed(2).padStart(9), node.toFixed(2).padStart(9), (node - rust).toFixed(2).padStart(12));
}
lw.close();
