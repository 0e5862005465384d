import { z } from 'zod';
import { timeZoneSchema } from './time-zones';
import { toLinearRegex } from './regex';
import { ruleWords, WORD_MATCHES } from './rule-words';

export { ruleWords, splitPhrases, WORD_MATCHES } from './rule-words';

/**
 * What a bot does on its own, configured without code: prefixes and roles, which built-in
 * commands are on, custom commands, auto-reply rules, business hours and menu flows. Shared by
 * the Automations page (which edits it) and the engine (which validates every save with these
 * schemas and runs it).
 */

export const PERMISSIONS = ['owner', 'admin', 'premium', 'everyone'] as const;
export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;

export const SCOPES = ['both', 'groups', 'private'] as const;
export const scopeSchema = z.enum(SCOPES);
export type Scope = z.infer<typeof scopeSchema>;

export const DEFAULT_PREFIXES = ['.', '!', '/'];
export const REPLY_MAX = 4096;
/** Long enough for real patterns; short enough that nobody pastes a program in. */
export const PATTERN_MAX = 200;
export const FLOW_MAX_DEPTH = 4;
export const FLOW_MAX_OPTIONS = 9;

const id = z.string().min(1).max(40);
const reply = z
  .string()
  .trim()
  .min(1, 'Write the reply.')
  .max(REPLY_MAX, `Keep the reply under ${REPLY_MAX + 1} characters.`);
const commandName = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Give the command a trigger word.')
  .max(32, 'Keep the trigger word under 33 characters.')
  .regex(/^[\p{L}\p{N}_-]+$/u, 'A trigger word is one word: letters, digits, - or _ (no spaces, no prefix).');

/** "09:00" */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time like 09:00.');

/** An image sent with a custom command's reply, kept in the media store by content. */
export const replyImageSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().max(200) });

export const customCommandSchema = z.object({
  id,
  name: commandName,
  /** One line for the menu. */
  summary: z.string().trim().max(120).default(''),
  reply,
  image: replyImageSchema.nullable().default(null),
  permission: permissionSchema.default('everyone'),
  scope: scopeSchema.default('both'),
  enabled: z.boolean().default(true),
});
export type CustomCommand = z.infer<typeof customCommandSchema>;

export const MATCH_KINDS = ['contains', 'exact', 'starts-with', 'regex', 'first-message', 'any'] as const;
export const matchKindSchema = z.enum(MATCH_KINDS);
export type MatchKind = z.infer<typeof matchKindSchema>;

/**
 * A regular expression a user typed: the reason it is refused on save, or null. Patterns run on a
 * linear-time engine (see regex.ts), so JavaScript-only syntax is refused with what to write instead.
 */
export const regexProblem = (pattern: string): string | null => {
  if (pattern.length > PATTERN_MAX) return `Keep the pattern under ${PATTERN_MAX + 1} characters.`;
  const linear = toLinearRegex(pattern);
  return linear.ok ? null : linear.problem;
};

export const RULE_WORDS_MAX = 20;
export const RULE_WORD_MAX = 100;

export const autoReplyRuleSchema = z
  .object({
    id,
    name: z.string().trim().max(60).default(''),
    match: matchKindSchema,
    /** The regular expression of a regex rule (older word rules kept their words here too). */
    pattern: z
      .string()
      .max(PATTERN_MAX, `Keep the pattern under ${PATTERN_MAX + 1} characters.`)
      .default(''),
    /** The words or phrases of a contains / exact / starts-with rule: any one of them answers. */
    words: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'A word or phrase cannot be empty.')
          .max(RULE_WORD_MAX, `Keep each word or phrase under ${RULE_WORD_MAX + 1} characters.`),
      )
      .max(RULE_WORDS_MAX, `A rule answers to at most ${RULE_WORDS_MAX} words or phrases.`)
      .default([]),
    reply,
    scope: scopeSchema.default('private'),
    /** Higher runs first; ties keep their order in the list. */
    priority: z.number().int().min(-100).max(100).default(0),
    /** The same contact gets this reply at most once in this many minutes (0: every time). */
    cooldownMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(0),
    /** Always, only within business hours, or only outside them. */
    hours: z.enum(['always', 'open', 'closed']).default('always'),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    if (WORD_MATCHES.includes(rule.match) && ruleWords(rule).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['words'],
        message: 'Add at least one word or phrase this rule answers to.',
      });
    }
    if (rule.match === 'regex' && rule.pattern.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Write the pattern this rule matches.' });
    }
    // Only a rule that runs must have a pattern that runs: a stored rule whose syntax Wren no longer
    // accepts is switched off on load rather than lost, and can be fixed or deleted at leisure.
    if (rule.match === 'regex' && rule.enabled) {
      const problem = regexProblem(rule.pattern);
      if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
    }
  });
export type AutoReplyRule = z.infer<typeof autoReplyRuleSchema>;

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export const businessHoursSchema = z.object({
  enabled: z.boolean().default(false),
  /** 0 = Sunday … 6 = Saturday. */
  days: z.array(z.number().int().min(0).max(6)).max(7).default([1, 2, 3, 4, 5]),
  /** An end before the start runs past midnight (22:00–06:00). */
  start: clockTime.default('09:00'),
  end: clockTime.default('18:00'),
  /** Sent once per contact per `awayCooldownMinutes` when someone writes while closed. */
  awayReply: z
    .string()
    .trim()
    .max(REPLY_MAX)
    .default('Thanks for your message! We are closed now and will answer when we open.'),
  awayCooldownMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(12 * 60),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export type FlowNode = {
  /** The option's label in its parent menu ("Prices"); unused at the root. */
  label: string;
  /** Sent when this step is chosen. */
  reply: string;
  /** Hands the chat to a person: automation pauses there until someone resumes it. */
  handoff: boolean;
  options: FlowNode[];
};

const TOO_DEEP = `Menus go at most ${FLOW_MAX_DEPTH} levels deep.`;

/**
 * A menu step `level` options below the root. Written out level by level instead of a recursive
 * z.lazy: a recursive schema follows whatever depth it is sent and overflows the stack on a
 * thousand-deep document, while this one stops at the deepest level allowed, where options must be
 * empty, and never looks inside what lies below.
 */
const flowNodeAt = (level: number): z.ZodType<FlowNode, unknown> =>
  z.object({
    label: z.string().trim().max(60).default(''),
    reply: z.string().trim().max(REPLY_MAX).default(''),
    handoff: z.boolean().default(false),
    options:
      level >= FLOW_MAX_DEPTH
        ? // never: what lies below is refused by its length, never parsed. No transform, so the
          // schema still converts to JSON Schema both ways.
          z.array(z.never()).max(0, TOO_DEEP).default([])
        : z
            .array(flowNodeAt(level + 1))
            .max(FLOW_MAX_OPTIONS, `A menu has at most ${FLOW_MAX_OPTIONS} options (one digit each).`)
            .default([]),
  });
const flowNodeSchema = flowNodeAt(0);

export const menuFlowSchema = z
  .object({
    id,
    name: z.string().trim().min(1, 'Name the flow.').max(60),
    /** Words that open the menu, matched whole and without case ("menu", "hi"). */
    triggers: z
      .array(z.string().trim().toLowerCase().min(1).max(40))
      .min(1, 'Give at least one word that opens this menu.')
      .max(10),
    scope: scopeSchema.default('private'),
    root: flowNodeSchema,
    enabled: z.boolean().default(true),
  })
  .superRefine((flow, ctx) => {
    if (flow.root.options.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['root'], message: 'Add at least one option to the menu.' });
    }
    const unlabelled = (node: FlowNode, at: string): string | null => {
      for (const [i, option] of node.options.entries()) {
        const number = at ? `${at}.${i + 1}` : String(i + 1);
        if (!option.label.trim()) return number;
        const inner = unlabelled(option, number);
        if (inner) return inner;
      }
      return null;
    };
    const missing = unlabelled(flow.root, '');
    if (missing) {
      ctx.addIssue({
        code: 'custom',
        path: ['root'],
        message: `Give option ${missing} a label: customers choose by it.`,
      });
    }
  });
export type MenuFlow = z.infer<typeof menuFlowSchema>;

export const DEFAULT_OPT_OUT_WORDS = ['stop', 'unsubscribe', 'parar', 'baja', 'stopp', 'arret', 'arrêt', 'cancelar'];
/**
 * The way back, in the same languages as the opt-out words: English (start, unstop, subscribe),
 * Spanish and Portuguese (alta, iniciar, comenzar, suscribir, assinar), German (anmelden)
 * and French (commencer, reprendre).
 */
export const DEFAULT_OPT_IN_WORDS = [
  'start',
  'unstop',
  'subscribe',
  'alta',
  'iniciar',
  'comenzar',
  'suscribir',
  'assinar',
  'anmelden',
  'commencer',
  'reprendre',
];

const optWords = (what: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .min(1, `An ${what} word cannot be empty.`)
        .max(30, `Keep each ${what} word under 31 characters.`),
    )
    .max(30, `Keep to 30 ${what} words at most.`);

/**
 * Words that stop campaign messages to a contact (campaigns read the opted-out flag), and the
 * words that start them again for a contact who had opted out.
 */
export const optOutSchema = z.object({
  enabled: z.boolean().default(true),
  words: optWords('opt-out').default(DEFAULT_OPT_OUT_WORDS),
  confirmation: z
    .string()
    .trim()
    .max(REPLY_MAX, `Keep the confirmation under ${REPLY_MAX + 1} characters.`)
    .default('You will not receive messages from us any more. Reply START to receive them again.'),
  /** A word in both lists opts out: the opt-out stage runs first (a save refuses such a list). */
  optInWords: optWords('opt-in').default(DEFAULT_OPT_IN_WORDS),
  optInConfirmation: z
    .string()
    .trim()
    .max(REPLY_MAX, `Keep the confirmation under ${REPLY_MAX + 1} characters.`)
    .default('Welcome back! You will receive our messages again. Reply STOP to stop them.'),
});

export const automationConfigSchema = z.object({
  prefixes: z
    .array(z.string().trim().min(1).max(3, 'A prefix is at most 3 characters.'))
    .min(1, 'Keep at least one prefix.')
    .max(6)
    .refine((list) => list.every((p) => !/[\p{L}\p{N}\s]/u.test(p)), 'A prefix is a symbol such as . ! or /.')
    .default(DEFAULT_PREFIXES),
  /** Numbers (E.164) that may run every command of this bot. */
  owners: z
    .array(z.string().regex(/^\+\d{7,15}$/, 'Write owner numbers like +447911123456.'))
    .max(20)
    .default([]),
  /** Built-in commands switched off. */
  disabledCommands: z.array(z.string().max(32)).max(100).default([]),
  timeZone: timeZoneSchema.default('UTC'),
  hours: businessHoursSchema.default(businessHoursSchema.parse({})),
  commands: z.array(customCommandSchema).max(200).default([]),
  rules: z.array(autoReplyRuleSchema).max(500).default([]),
  flows: z.array(menuFlowSchema).max(50).default([]),
  /** A menu left unanswered this long closes. */
  flowTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  optOut: optOutSchema.default(optOutSchema.parse({})),
});
export type AutomationConfig = z.infer<typeof automationConfigSchema>;

/**
 * The parts the Automations page saves one at a time. Written out rather than `.partial()`: zod
 * keeps a field's default inside `.partial()`, so a patch of `{ flows }` would reset everything else.
 */
const config = automationConfigSchema.shape;
export const automationPatchSchema = z
  .object({
    prefixes: config.prefixes.unwrap().optional(),
    owners: config.owners.unwrap().optional(),
    disabledCommands: config.disabledCommands.unwrap().optional(),
    timeZone: config.timeZone.unwrap().optional(),
    hours: config.hours.unwrap().optional(),
    commands: config.commands.unwrap().optional(),
    rules: config.rules.unwrap().optional(),
    flows: config.flows.unwrap().optional(),
    flowTimeoutMinutes: config.flowTimeoutMinutes.unwrap().optional(),
    optOut: config.optOut.unwrap().optional(),
  })
  .strict();
export type AutomationPatch = z.infer<typeof automationPatchSchema>;

/** A built-in command as the Automations page lists it. */
export const builtInCommandSchema = z.object({
  name: z.string(),
  aliases: z.array(z.string()),
  summary: z.string(),
  usage: z.string(),
  permission: permissionSchema,
  scope: scopeSchema,
  enabled: z.boolean(),
});
export type BuiltInCommand = z.infer<typeof builtInCommandSchema>;

/** Per group: moderation and greetings. */
export const groupSettingsSchema = z.object({
  antilink: z.boolean().default(false),
  welcome: z.boolean().default(false),
  welcomeText: z.string().trim().max(REPLY_MAX).default('Welcome to {{group}}, {{name}}! We are {{count}} now.'),
  goodbye: z.boolean().default(false),
  goodbyeText: z.string().trim().max(REPLY_MAX).default('Goodbye, {{name}}.'),
  /** Warnings before the bot removes someone. */
  warnLimit: z.number().int().min(1).max(20).default(3),
});
export type GroupSettings = z.infer<typeof groupSettingsSchema>;

/** A change to some group settings (no defaults: see automationPatchSchema). */
const group = groupSettingsSchema.shape;
export const groupSettingsPatchSchema = z
  .object({
    antilink: group.antilink.unwrap().optional(),
    welcome: group.welcome.unwrap().optional(),
    welcomeText: group.welcomeText.unwrap().optional(),
    goodbye: group.goodbye.unwrap().optional(),
    goodbyeText: group.goodbyeText.unwrap().optional(),
    warnLimit: group.warnLimit.unwrap().optional(),
  })
  .strict();

export const PIPELINE_STAGES = [
  'skipped',
  'paused',
  'moderation',
  'opt-out',
  'opt-in',
  'flow',
  'rate-limit',
  'command',
  'auto-reply',
  'away',
  'none',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** What the bot did with one message: for the test panel and the run log. */
export const tryResultSchema = z.object({
  stage: z.enum(PIPELINE_STAGES),
  /** Plain words: "Answered by the auto-reply rule “Prices”". */
  detail: z.string(),
  replies: z.array(z.string()),
  /** The word or phrase of an auto-reply rule that matched, when one did. */
  matched: z.string().nullable().default(null),
  /** Other things it would do: "delete the message", "remove +44 7911 123456 from the group". */
  actions: z.array(z.string()),
});
export type TryResult = z.infer<typeof tryResultSchema>;

export const commandRunSchema = z.object({
  id: z.number(),
  ts: z.number(),
  chatId: z.number().nullable(),
  chatTitle: z.string().nullable(),
  sender: z.string(),
  command: z.string(),
  result: z.string(),
  ms: z.number(),
});
export type CommandRun = z.infer<typeof commandRunSchema>;
