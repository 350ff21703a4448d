// The storefront's HTTP routes over one lotwise engine. Every engine call is
// an async form, so the event loop keeps serving while SQLite or Postgres
// works on the libuv pool.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { LotwiseError, type Lotwise, type NewOrderLine } from 'lotwise';

import { errorBody, httpStatus } from './errors';

export interface AppOptions {
  lw: Lotwise;
  /** The Shopify app's webhook signing secret. */
  shopifySecret: string;
  /** Fastify's logger option (`false` in tests). */
  logger?: boolean | object;
}

/** Largest webhook body accepted, in bytes (lotwise refuses bigger orders too). */
const BODY_LIMIT = 8 * 1024 * 1024;

function fail(reply: FastifyReply, e: unknown): FastifyReply {
  if (e instanceof LotwiseError) return reply.code(httpStatus(e)).send(errorBody(e));
  throw e;
}

/** Header values as one string each (Node gives repeated ones as arrays). */
function plainHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function buildApp(options: AppOptions): FastifyInstance {
  const { lw, shopifySecret } = options;
  const app = Fastify({ logger: options.logger ?? true, bodyLimit: BODY_LIMIT });

  // The webhook route reads its body as raw bytes (the signature covers
  // exactly those); the parser is scoped to this plugin, so the other
  // routes keep Fastify's JSON parsing.
  app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    hooks.post<{ Body: Buffer }>('/webhooks/shopify/orders', async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        const receipt = await lw.receiveShopifyWebhookAsync({
          secret: shopifySecret,
          headers: plainHeaders(request.headers),
          // Bytes that are not UTF-8 change when decoded, so their
          // signature fails: such a body is refused, never imported.
          body: raw.toString('utf8'),
          confirm: true,
        });
        return reply.code(200).send({
          order: receipt.import.order,
          status: receipt.import.status,
          replayed: receipt.replayed,
          confirmed: receipt.confirmed?.status ?? null,
        });
      } catch (e) {
        return fail(reply, e);
      }
    });
  });

  // A cart in, a promise date and its reason out; nothing is written.
  app.post<{ Body: { lines?: NewOrderLine[]; shipping_method?: string | null } }>('/quotes', async (request, reply) => {
    const body = request.body ?? {};
    try {
      const promise = await lw.promiseLinesAsync({
        lines: body.lines ?? [],
        options: { shipping_method: body.shipping_method ?? null },
      });
      return {
        promised_date: promise.promised_date,
        ship_date: promise.ship_date,
        explanation: promise.explanation,
        lines: promise.lines,
      };
    } catch (e) {
      return fail(reply, e);
    }
  });

  app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
    const { id } = request.params;
    try {
      const [order, view] = await Promise.all([lw.orderAsync({ id }), lw.orderViewAsync({ id })]);
      // A shipped or cancelled order has nothing left to promise.
      const open = !['shipped', 'cancelled'].includes(order.status);
      const promise = open ? await lw.promiseAsync({ id }).catch(() => null) : null;
      return {
        id: order.id,
        status: order.status,
        customer: order.customer.name,
        lines: view.lines,
        promise: promise && { promised_date: promise.promised_date, explanation: promise.explanation },
      };
    } catch (e) {
      return fail(reply, e);
    }
  });

  app.get('/inventory', async (_request, reply) => {
    try {
      const products = await lw.availableToSellAsync();
      return products.map((a) => ({ sku: a.sku, available: a.available }));
    } catch (e) {
      return fail(reply, e);
    }
  });

  app.get<{ Params: { code: string } }>('/lots/:code/recall', async (request, reply) => {
    try {
      return await lw.recallAsync({ lot: request.params.code });
    } catch (e) {
      return fail(reply, e);
    }
  });

  return app;
}
