// Checked by `tsc --noEmit --strict` (scripts/node.sh): the declarations
// generated from the schema describe what the package does. The lines
// marked @ts-expect-error must stay errors: a number is no decimal, an
// unknown operation or field does not exist.
import {
  Lotwise,
  LotwiseError,
  UnknownSkuError,
  InsufficientStockError,
  errorClass,
  OPERATIONS,
  type Item,
  type StockLevel,
  type Event,
  type WebhookReceipt,
  type ErrorCode,
} from '..';

const lw: Lotwise = Lotwise.open(':memory:', { clock: '2026-03-02T09:00:00Z' });
const item: Item = lw.defineItem({ sku: 'WAX', name: 'Soy wax', kind: 'material', uom: 'kg' });
const sku: string = item.sku;
const shelfLife: number | null | undefined = item.shelf_life_days;
lw.receive({ sku, qty: '20 kg', lot: 'SW-A', expiry: '2027-01-31' });
const stock: StockLevel = lw.stock({ sku });
const available: string = stock.available;

// @ts-expect-error a decimal is a string, never a JS number
lw.receive({ sku, qty: 5 });
// @ts-expect-error the kind is one of the schema's words
lw.defineItem({ sku: 'X', name: 'X', kind: 'gadget', uom: 'pcs' });
// @ts-expect-error an operation that takes no args takes none
lw.items({ sku });

try {
  lw.stock({ sku: 'NOPE' });
} catch (e) {
  if (e instanceof UnknownSkuError) {
    const missing: string = e.sku;
    const code: 'unknown_sku' = e.code;
    console.log(missing, code);
  } else if (e instanceof InsufficientStockError) {
    const requested: string = e.requested;
    console.log(requested);
  } else if (e instanceof LotwiseError) {
    const code: ErrorCode = e.code;
    console.log(code, e.category, e.retryable, e.fields);
  }
}

async function later(): Promise<void> {
  const shop = await Lotwise.openAsync(':memory:');
  const events: Event[] = await shop.eventsAfterAsync({ after: 0, limit: 10 });
  for (const event of events) {
    if (event.kind === 'item_defined') console.log(event.data.uom);
  }
  const receipt: WebhookReceipt = await shop.receiveShopifyWebhookAsync({ secret: 's', headers: {}, body: '{}' });
  console.log(receipt.import.status, receipt.replayed);
  shop.close();
}

const cls: typeof LotwiseError = errorClass('unknown_sku');
console.log(sku, shelfLife, available, cls.name, OPERATIONS.length, later);
