import { pick, type Random } from '../../random';

/**
 * What the simulated people say: the demo customers, the lines they write live, and the short
 * conversations that make up a phone's past when a demo bot links. Plain data, kept apart so the
 * network and the demo activity share one voice.
 */

export const DEMO_CUSTOMERS = [
  { phone: '+447700900501', name: 'Ana Souza' },
  { phone: '+447700900502', name: 'Ben Carter' },
  { phone: '+447700900503', name: 'Chloé Martin' },
  { phone: '+447700900504', name: 'Dev Patel' },
  { phone: '+447700900505', name: 'Emeka Obi' },
] as const;

export type DemoCustomer = (typeof DEMO_CUSTOMERS)[number];

export const LINES = [
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

/** A customer answering something the bot said, quoting it. */
export const REPLY_LINES = [
  'Perfect, thank you!',
  'Ok, what time works?',
  'Great 👍',
  'Sorry, which one do you mean?',
  'Can I pay by card?',
  'Brilliant, see you then',
] as const;

/** Photo captions; null is a photo sent without one. */
export const PHOTO_CAPTIONS = [
  null,
  null,
  'Is this one still available?',
  'This is the one I meant',
  'Arrived like this 😕',
  'Can you do something like this?',
] as const;

/** Things people pass on from other chats. */
export const FORWARDS = [
  'Weekend special: 2 for 1 on all cakes, Saturday and Sunday only 🎂',
  'Reminder: the market on the square is closed this Monday for the bank holiday.',
  'Does anyone know a good place for a birthday lunch for 12 people?',
] as const;

/** A line sent with a slip of the thumb, and what the sender corrects it to a moment later. */
export const TYPOS = [
  ['Can I book a tabel for Saturday?', 'Can I book a table for Saturday?'],
  ['Do you deliver to Hackeny?', 'Do you deliver to Hackney?'],
  ['Whats the price for 2 large ones?', 'What’s the price for 3 large ones?'],
  ['I’ll come by at 5', 'I’ll come by at 6, sorry'],
] as const;

/** Sent to the wrong chat and deleted for everyone straight after. */
export const WRONG_CHAT = [
  'Running late, start without me',
  'Can you grab milk on the way home?',
  'Love you, see you tonight ❤️',
] as const;

export const REACTIONS = ['👍', '❤️', '🙏', '😂', '😮'] as const;

/** One turn of a past conversation: `me` is the bot's phone; `quotes` quotes the turn before. */
export type Turn = { me: boolean; text: string | null; photo?: true; quotes?: true };

/** Short exchanges between a small business and its customers, for the history a new link shows. */
export const SCENES: readonly (readonly Turn[])[] = [
  [
    { me: false, text: 'Hi, are you open on Sunday?' },
    { me: true, text: 'Hi! Yes, 10am to 4pm on Sundays 😊' },
    { me: false, text: 'Great, thanks' },
  ],
  [
    { me: false, text: 'How much is delivery to the city centre?' },
    { me: true, text: '£3.50, and free on orders over £30.' },
    { me: false, text: 'Perfect 👍' },
  ],
  [
    { me: false, text: 'Do you have the oat milk flat white today?' },
    { me: true, text: 'We do! Want me to put one aside?' },
    { me: false, text: 'Yes please, I’ll be there in 10 min', quotes: true },
  ],
  [
    { me: true, text: 'Hi! Your order is ready for collection 🎉' },
    { me: false, text: 'Amazing, on my way' },
  ],
  [
    { me: false, text: 'Can I book a table for 4 on Friday at 7:30?' },
    { me: true, text: 'Booked: Friday 7:30pm, table for 4. See you then!' },
    { me: false, text: 'Thank you!' },
  ],
  [
    { me: false, text: null, photo: true },
    { me: false, text: 'Do you have this one in a size 10?' },
    { me: true, text: 'Let me check the stockroom, one minute' },
    { me: true, text: 'Yes, we have one left in size 10.' },
    { me: false, text: 'Please keep it for me, I’ll come tomorrow', quotes: true },
  ],
  [
    { me: false, text: 'What is your address?' },
    { me: true, text: '14 Market Street, next to the post office.' },
  ],
  [
    { me: true, text: 'Today’s specials 👇', photo: true },
    { me: false, text: 'The lasagne looks great 😍', quotes: true },
    { me: true, text: 'It’s a favourite! Shall I save you a portion?' },
    { me: false, text: 'Yes, two please' },
  ],
  [
    { me: false, text: 'Is the 10% offer still on?' },
    { me: true, text: 'Until Sunday, just show this message at the till.' },
    { me: false, text: 'Brilliant' },
  ],
  [
    { me: false, text: 'Hello, my order hasn’t arrived yet' },
    { me: true, text: 'Sorry about that! Can you send me your order number?' },
    { me: false, text: 'It’s 4471' },
    { me: true, text: 'Found it: the driver is 5 minutes away.' },
    { me: false, text: 'Thanks 🙏' },
  ],
  [
    { me: false, text: 'Arrived like this 😕', photo: true },
    { me: true, text: 'So sorry! We’ll send a new one today, no charge.' },
    { me: false, text: 'Thank you, that’s kind' },
  ],
  [
    { me: false, text: 'menu' },
    { me: true, text: 'Here’s this week’s menu', photo: true },
  ],
  [
    { me: false, text: 'Do you take card payments?' },
    { me: true, text: 'Yes, cards and contactless. No minimum.' },
  ],
  [
    { me: true, text: 'Reminder: your appointment is tomorrow at 11:00.' },
    { me: false, text: 'Can we move it to 12?', quotes: true },
    { me: true, text: 'Done, see you at 12.' },
    { me: false, text: 'Thanks!' },
  ],
  [
    { me: false, text: 'Good morning! Any fresh sourdough left?' },
    { me: true, text: 'Two loaves left, shall I keep one?' },
    { me: false, text: 'Yes please 🙌' },
  ],
  [
    { me: false, text: 'Are you hiring for the summer?' },
    { me: true, text: 'We are! Drop your CV in when you are passing.' },
    { me: false, text: 'Will do, thanks' },
  ],
];

/**
 * A demo group's past: who speaks (0–3: the members in order; 'bot': the bot's number) and what.
 * Regulars chatting among themselves, with the shop answering now and then.
 */
export const GROUP_SCENE: readonly { who: number | 'bot'; text: string }[] = [
  { who: 'bot', text: 'Welcome to the regulars’ group! Offers and news come here first 🎉' },
  { who: 0, text: 'Morning all! Is the shop open on the bank holiday?' },
  { who: 'bot', text: 'Yes, 9 to 3 👍' },
  { who: 1, text: 'Anyone tried the new sourdough?' },
  { who: 2, text: 'Best one in town 😋' },
  { who: 3, text: 'Can we get the Friday offer again?' },
  { who: 'bot', text: 'It’s back this week: 2 coffees for £5 ☕' },
  { who: 1, text: 'Brilliant!' },
  { who: 0, text: 'Does anyone know if they deliver on Sundays?' },
  { who: 2, text: 'They do, before noon' },
  { who: 3, text: 'See you all Friday' },
  { who: 0, text: 'Thanks for the tip 🙏' },
];

/** What group members say live in the demo. */
export const GROUP_LINES = [
  'Is the Friday offer still on?',
  'Just picked up my order, lovely as always',
  'Anyone else coming to the tasting on Saturday?',
  'What time do you close today?',
  'Thanks everyone 🙌',
] as const;
