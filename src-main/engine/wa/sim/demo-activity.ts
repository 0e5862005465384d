import type { Clock, TimerId } from '../../clock';
import { pick, type Random } from '../../random';
import type { SimNetwork } from './network';

/** Simulated customers who write to online demo bots now and then, so a new user sees Wren work. */
export const DEMO_CUSTOMERS = [
  { phone: '+447700900501', name: 'Ana Souza' },
  { phone: '+447700900502', name: 'Ben Carter' },
  { phone: '+447700900503', name: 'Chloé Martin' },
  { phone: '+447700900504', name: 'Dev Patel' },
  { phone: '+447700900505', name: 'Emeka Obi' },
] as const;

const LINES = [
  'Hi! Are you open today?',
  'How much is delivery to the city centre?',
  'Do you have this in blue?',
  'Can I book a table for Saturday at 8?',
  'Thanks, got it 👍',
  'What is your address?',
  'Is the offer still on?',
  'menu',
] as const;

/** What a demo customer says when nobody chose the words. */
export const demoLine = (random: Random): string => pick(random, LINES);

export const DEMO_MIN_GAP_MS = 25_000;
export const DEMO_MAX_GAP_MS = 70_000;

export type DemoActivity = { stop(): void };

export const startDemoActivity = (deps: {
  network: SimNetwork;
  clock: Clock;
  random: Random;
  onlineDemoPhones(): string[];
}): DemoActivity => {
  let timer: TimerId | null = null;
  const schedule = () => {
    const gap = DEMO_MIN_GAP_MS + Math.floor(deps.random() * (DEMO_MAX_GAP_MS - DEMO_MIN_GAP_MS));
    timer = deps.clock.setTimeout(tick, gap);
  };
  const tick = () => {
    const phones = deps.onlineDemoPhones();
    if (phones.length > 0) {
      const customer = pick(deps.random, DEMO_CUSTOMERS);
      deps.network.receive({
        from: customer.phone,
        fromName: customer.name,
        to: pick(deps.random, phones),
        text: pick(deps.random, LINES),
      });
    }
    schedule();
  };
  schedule();
  return { stop: () => deps.clock.clearTimeout(timer) };
};
