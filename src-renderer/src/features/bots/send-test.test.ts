import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../../../src-shared/contract';
import { useToastStore } from '../../ui/toast-store';
import { precheckSendTest, sendTestErrorsFrom, sendTestMessage } from './send-test';

const call = vi.fn();
vi.mock('../../contract', () => ({ getClient: () => ({ call, on: () => () => {} }) }));

const NO_CODE = '"12345" has no country code. Start it with + and the country code, for example +44 7911 123456.';
const NOT_ONLINE = 'This bot is not online. Start it and wait until it shows Online, then send.';

describe('precheckSendTest', () => {
  it('passes a complete input', () => {
    expect(precheckSendTest({ botId: 'b1', to: '+447911123456', text: 'hi' })).toBeNull();
  });

  it('puts each schema problem under its own field', () => {
    expect(precheckSendTest({ botId: 'b1', to: ' ', text: '  ' })).toEqual({
      to: 'Enter the number to send to, with its country code.',
      text: 'Write the message to send.',
    });
    expect(precheckSendTest({ botId: 'b1', to: '+447911123456', text: 'x'.repeat(4097) })).toEqual({
      text: 'Keep the message under 4097 characters.',
    });
  });
});

describe('sendTestErrorsFrom', () => {
  it("puts the engine's number errors under To", () => {
    expect(sendTestErrorsFrom(new ContractError('invalid_input', NO_CODE))).toEqual({ to: NO_CODE });
  });

  it("splits the engine's schema issues by field, keeping a '; ' inside one", () => {
    const error = new ContractError(
      'invalid_input',
      'to: a; b; text: Write the message to send.; botId: Choose a bot.',
    );
    expect(sendTestErrorsFrom(error)).toEqual({
      to: 'a; b',
      text: 'Write the message to send.',
      form: 'Choose a bot.',
    });
  });

  it('shows state, send and connection failures on the form', () => {
    expect(sendTestErrorsFrom(new ContractError('invalid_state', NOT_ONLINE))).toEqual({ form: NOT_ONLINE });
    expect(sendTestErrorsFrom(new ContractError('send_failed', 'WhatsApp did not take it.'))).toEqual({
      form: 'WhatsApp did not take it.',
    });
    expect(sendTestErrorsFrom(new Error('Lost the connection to Wren.'))).toEqual({
      form: 'Lost the connection to Wren.',
    });
  });
});

describe('sendTestMessage', () => {
  beforeEach(() => {
    call.mockReset();
    useToastStore.setState({ toasts: [] });
  });

  it('sends, and announces the normalized number', async () => {
    call.mockResolvedValue({ messageId: 'M1', to: '+447911123456' });
    const result = await sendTestMessage('b1', '+44 7911 123456', 'hi');
    expect(call).toHaveBeenCalledWith('bots:send-test', { botId: 'b1', to: '+44 7911 123456', text: 'hi' });
    expect(result).toEqual({ ok: true, to: '+447911123456', messageId: 'M1' });
    expect(useToastStore.getState().toasts.map((t) => t.message)).toEqual(['Sent to +447911123456']);
  });

  it('does not call the engine for what the schema already rejects', async () => {
    expect(await sendTestMessage('b1', '+447911123456', ' ')).toEqual({
      ok: false,
      errors: { text: 'Write the message to send.' },
    });
    expect(call).not.toHaveBeenCalled();
  });

  it("returns the engine's refusal for the form to place, without a toast", async () => {
    call.mockRejectedValue(new ContractError('invalid_input', NO_CODE));
    expect(await sendTestMessage('b1', '12345', 'hi')).toEqual({ ok: false, errors: { to: NO_CODE } });
    expect(useToastStore.getState().toasts).toEqual([]);
  });
});
