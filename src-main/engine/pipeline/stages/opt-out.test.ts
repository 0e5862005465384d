import { describe, expect, it } from 'vitest';
import { recordingWorld, testPipeline } from '../testing';

const STOPPED = 'You will not receive messages from us any more. Reply START to receive them again.';
const BACK = 'Welcome back! You will receive our messages again. Reply STOP to stop them.';

describe('opting back in', () => {
  it('takes back a contact who opted out when they reply START, with its own confirmation', async () => {
    const t = testPipeline();
    const world = recordingWorld();
    await t.say('STOP', {}, world);
    expect(await t.say('Start!', {}, world)).toMatchObject({ stage: 'opt-in' });
    expect(world.sent.map((s) => s.text)).toEqual([STOPPED, BACK]);
    expect(world.actions).toEqual(['opt-out', 'opt-in']);
    // Both changes are in the run log, as commands are.
    expect(t.runs).toEqual(['stop: opted out of campaigns', 'start: opted back in to campaigns']);
    // And the way out works again afterwards.
    expect(await t.say('stop', {}, world)).toMatchObject({ stage: 'opt-out' });
  });

  it('understands the languages the opt-out words cover', async () => {
    for (const word of ['UNSTOP', 'subscribe', 'Alta', 'iniciar', 'Comenzar', 'anmelden', 'commencer']) {
      const t = testPipeline();
      const world = recordingWorld({ optedOut: true });
      expect(await t.say(word, {}, world)).toMatchObject({ stage: 'opt-in', sent: [BACK] });
    }
  });

  it('leaves START alone from a contact who had not opted out, and in groups', async () => {
    const t = testPipeline({
      flows: [
        { id: 'f', name: 'Start', triggers: ['start'], root: { reply: 'Hi', options: [{ label: 'A' }] } },
      ] as never,
    });
    // Not opted out: the word goes on down the pipeline (here it opens a menu).
    expect(await t.say('start')).toMatchObject({ stage: 'flow', sent: ['Hi\n\n1. A'] });
    const world = recordingWorld({ optedOut: true, group: true });
    expect(await t.say('start', { group: true }, world)).toMatchObject({ stage: 'none' });
    expect(world.actions).toEqual([]);
    expect(t.runs).toEqual([]);
  });

  it('uses the words and confirmation the business chose, and stays quiet with an empty one', async () => {
    const t = testPipeline({
      optOut: { enabled: true, words: ['stop'], confirmation: '', optInWords: ['again'], optInConfirmation: '' },
    });
    const world = recordingWorld({ optedOut: true });
    expect(await t.say('start', {}, world)).toMatchObject({ stage: 'none' });
    expect(await t.say('again', {}, world)).toMatchObject({ stage: 'opt-in', sent: [] });
    expect(world.actions).toEqual(['opt-in']);
  });
});
