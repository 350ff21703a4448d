// The candle maker of the Rust and Python tests, through the Node API.
'use strict';

const lotwise = require('..');

const WAX = 'WAX-SOY';
const OIL = 'FO-LAVENDER';
const WICK = 'WICK-CD12';
const JAR = 'JAR-AMBER-8OZ';
const CANDLE = 'CANDLE-LAV-8OZ';
const T0 = '2026-03-02T09:00:00Z';

/** 12 candles from 2.4 kg wax (+2 % scrap), 240 ml oil, 12 wicks, 12 jars. */
function candleCatalog(lw) {
  lw.defineItem({ sku: WAX, name: 'Golden Wax 464 soy wax', kind: 'material', uom: 'kg', shelf_life_days: 730 });
  lw.defineItem({ sku: OIL, name: 'Lavender fragrance oil', kind: 'material', uom: 'ml', shelf_life_days: 365 });
  lw.defineItem({ sku: WICK, name: 'CD-12 cotton wick', kind: 'material', uom: 'pcs' });
  lw.defineItem({ sku: JAR, name: 'Amber jar 8 oz', kind: 'packaging', uom: 'pcs' });
  lw.defineItem({ sku: CANDLE, name: 'Lavender soy candle 8 oz', kind: 'product', uom: 'pcs', shelf_life_days: 365 });
  lw.defineRecipe({
    product: CANDLE,
    batch_size: '12 pcs',
    inputs: [
      { sku: WAX, qty: '2.4 kg', scrap_pct: '2' },
      { sku: OIL, qty: '240 ml' },
      { sku: WICK, qty: '12 pcs' },
      { sku: JAR, qty: '12 pcs' },
    ],
  });
}

function openShop() {
  const lw = lotwise.Lotwise.open(':memory:', { clock: T0 });
  candleCatalog(lw);
  return lw;
}

module.exports = { WAX, OIL, WICK, JAR, CANDLE, T0, candleCatalog, openShop };
