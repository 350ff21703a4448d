// The notifier: reads the event outbox after its cursor and sends the mails
// a customer should get (here it logs them), acknowledging each event once
// handled, so a restart resumes after the last one sent and never sends one
// twice. "Shipped" carries the tracking number; "delayed" goes out when an
// order is promised again for a later day than it was promised before.
import type { Event, Lotwise } from 'lotwise';

/** A notification the storefront would send. */
export interface Notice {
  kind: 'shipped' | 'delayed';
  order: string;
  text: string;
}

export interface OutboxOptions {
  /** The consumer name the cursor is kept under. */
  consumer?: string;
  /** How long to wait when there is nothing new, in milliseconds. */
  idleMs?: number;
  /** Where notices go (the storefront logs them). */
  send: (notice: Notice) => void;
}

export class OutboxWorker {
  readonly consumer: string;
  private readonly idleMs: number;
  private readonly send: (notice: Notice) => void;
  /** The latest promised day per open order, to see a later one. */
  private readonly promised = new Map<string, string>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly lw: Lotwise, options: OutboxOptions) {
    this.consumer = options.consumer ?? 'storefront-notifier';
    this.idleMs = options.idleMs ?? 500;
    this.send = options.send;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the batch in hand; resolves once it is acknowledged. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Handles every pending event now; how many there were. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const events = await this.lw.pendingEventsAsync({ consumer: this.consumer, limit: 100 });
      if (events.length === 0) return handled;
      for (const event of events) {
        this.handle(event);
        await this.lw.ackEventsAsync({ consumer: this.consumer, seq: event.seq });
        handled += 1;
      }
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      const handled = await this.drain();
      if (handled === 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  private handle(event: Event): void {
    switch (event.kind) {
      case 'order_shipped':
        this.promised.delete(event.subject);
        this.send({
          kind: 'shipped',
          order: event.subject,
          text: `to ${event.data.email ?? event.data.customer}: order ${event.subject} shipped with ${event.data.carrier}, tracking ${event.data.tracking}`,
        });
        break;
      case 'order_promised': {
        const day = event.data.lines.map((l) => l.promised_date).sort().at(-1);
        if (day === undefined) break;
        const before = this.promised.get(event.subject);
        this.promised.set(event.subject, day);
        if (before !== undefined && day > before) {
          this.send({
            kind: 'delayed',
            order: event.subject,
            text: `order ${event.subject} is delayed: it now arrives ${day} (was ${before})`,
          });
        }
        break;
      }
      case 'order_cancelled':
        this.promised.delete(event.subject);
        break;
      default:
        break;
    }
  }
}
