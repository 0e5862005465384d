import { calls, ContractError } from '../../../../src-shared/contract';
import { getClient } from '../../contract';
import { errorMessage } from '../../lib/errors';
import { toast } from '../../ui/toast-store';

/** Where each problem shows: under To, under Message, or above the Send button for the rest. */
export type SendTestErrors = { to?: string; text?: string; form?: string };
export type SendTestField = keyof SendTestErrors;

export type SendTestResult = { ok: true; to: string; messageId: string } | { ok: false; errors: SendTestErrors };

const fieldOf = (key: PropertyKey | undefined): SendTestField =>
  key === 'to' ? 'to' : key === 'text' ? 'text' : 'form';

/** Keeps the first problem per field: one clear sentence under a field reads better than a list. */
const add = (errors: SendTestErrors, field: SendTestField, message: string): SendTestErrors =>
  errors[field] === undefined ? { ...errors, [field]: message } : errors;

/** Problems the contract's own schema finds, per field, without a round trip to the engine. */
export const precheckSendTest = (input: { botId: string; to: string; text: string }): SendTestErrors | null => {
  const parsed = calls['bots:send-test'].input.safeParse(input);
  if (parsed.success) return null;
  return parsed.error.issues.reduce<SendTestErrors>(
    (errors, issue) => add(errors, fieldOf(issue.path[0]), issue.message),
    {},
  );
};

/** The engine joins schema issues as "to: …; text: …"; the lookahead keeps a "; " inside one intact. */
const ISSUE_SPLIT = /; (?=(?:to|text|botId): )/;
const ISSUE = /^(to|text|botId): (.*)$/s;

/**
 * Places the engine's message under the field it is about. Schema failures name their field;
 * the call's only other invalid_input is the number failing to parse, so that goes under To.
 * Not online, WhatsApp refusing, a lost connection: those concern the whole form.
 */
export const sendTestErrorsFrom = (error: unknown): SendTestErrors => {
  const message = errorMessage(error);
  if (!(error instanceof ContractError) || error.code !== 'invalid_input') return { form: message };
  if (!ISSUE.test(message)) return { to: message };
  return message.split(ISSUE_SPLIT).reduce<SendTestErrors>((errors, part) => {
    const match = ISSUE.exec(part);
    return match ? add(errors, fieldOf(match[1]), match[2] ?? part) : add(errors, 'form', part);
  }, {});
};

/** Sends one test text; success is announced here so every caller says it the same way. */
export const sendTestMessage = async (botId: string, to: string, text: string): Promise<SendTestResult> => {
  const problems = precheckSendTest({ botId, to, text });
  if (problems) return { ok: false, errors: problems };
  try {
    const sent = await getClient().call('bots:send-test', { botId, to, text });
    toast.info(`Sent to ${sent.to}`);
    return { ok: true, to: sent.to, messageId: sent.messageId };
  } catch (error) {
    return { ok: false, errors: sendTestErrorsFrom(error) };
  }
};
