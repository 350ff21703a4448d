// The outbox worker's rules on a scripted event stream: "delayed" only when
// an order is promised again for a later day, "shipped" with the tracking
// number, every event acknowledged in order, and nothing sent twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { Event, Lotwise } from 'lotwise';

import { OutboxWorker, type Notice } from '../src/outbox';

const AT = '2026-03-02T09:00:00Z';
const promised = (seq: number, order: string, day: string): Event => ({
  seq, at: AT, subject: order, kind: 'order_promised',
  data: { lines: [{ line: 1, promised_date: day, basis: { type: 'stock' } }] },
});

/** A store holding `events` that serves them after the consumer's cursor. */
function scripted(events: Event[]): { lw: Lotwise; acks: number[] } {
  const acks: number[] = [];
  let cursor = 0;
  const lw = {
    async pendingEventsAsync({ limit }: { consumer: string; limit?: number }) {
      return events.filter((e) => e.seq > cursor).slice(0, limit ?? 100);
    },
    async ackEventsAsync({ seq }: { consumer: string; seq: number }) {
      acks.push(seq);
      cursor = seq;
      return null;
    },
  };
  return { lw: lw as unknown as Lotwise, acks };
}

test('delayed only for a later promise, shipped with tracking, each event acked once', async () => {
  const events: Event[] = [
    promised(1, 'SO-000001', '2026-03-10'),
    promised(2, 'SO-000001', '2026-03-09'), // earlier: good news, no mail
    promised(3, 'SO-000002', '2026-03-12'),
    promised(4, 'SO-000001', '2026-03-16'), // later than the 9th: delayed
    {
      seq: 5, at: AT, subject: 'SO-000001', kind: 'order_shipped',
      data: { shipment: 'SH-000001', carrier: 'USPS', tracking: '9400111899223197428490', customer: 'Ada Byron', email: 'ada@example.com', lines: [] },
    },
  ];
  const { lw, acks } = scripted(events);
  const notices: Notice[] = [];
  const worker = new OutboxWorker(lw, { send: (n) => notices.push(n) });
  assert.equal(await worker.drain(), 5);
  assert.deepEqual(acks, [1, 2, 3, 4, 5]);
  assert.deepEqual(notices.map((n) => [n.kind, n.order]), [['delayed', 'SO-000001'], ['shipped', 'SO-000001']]);
  assert.match(notices[0].text, /now arrives 2026-03-16 \(was 2026-03-09\)/);
  assert.match(notices[1].text, /^to ada@example.com: .*USPS, tracking 9400111899223197428490$/);
  assert.equal(await worker.drain(), 0, 'nothing is sent twice');
});
