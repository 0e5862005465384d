import { describe, expect, it } from 'vitest';
import { parseFormatting, plainText, type FormattedNode } from './formatting';

const t = (text: string): FormattedNode => ({ type: 'text', text });
const link = (text: string, href: string, kind: 'url' | 'email' | 'phone' = 'url'): FormattedNode => ({
  type: 'link',
  kind,
  text,
  href,
});

describe('parseFormatting', () => {
  it('leaves plain text alone', () => {
    expect(parseFormatting('Hello there')).toEqual([t('Hello there')]);
    expect(parseFormatting('')).toEqual([]);
  });

  it('reads bold, italic, strike and inline code', () => {
    expect(parseFormatting('a *bold* b')).toEqual([t('a '), { type: 'bold', children: [t('bold')] }, t(' b')]);
    expect(parseFormatting('_it_')).toEqual([{ type: 'italic', children: [t('it')] }]);
    expect(parseFormatting('~gone~!')).toEqual([{ type: 'strike', children: [t('gone')] }, t('!')]);
    expect(parseFormatting('run `npm i` now')).toEqual([t('run '), { type: 'code', text: 'npm i' }, t(' now')]);
  });

  it('nests bold and italic', () => {
    expect(parseFormatting('*_both_*')).toEqual([
      { type: 'bold', children: [{ type: 'italic', children: [t('both')] }] },
    ]);
    expect(parseFormatting('_a *b* c_')).toEqual([
      { type: 'italic', children: [t('a '), { type: 'bold', children: [t('b')] }, t(' c')] },
    ]);
  });

  it('needs markers that hug non-space text', () => {
    expect(parseFormatting('* not bold *')).toEqual([t('* not bold *')]);
    expect(parseFormatting('*not bold *')).toEqual([t('*not bold *')]);
    expect(parseFormatting('** x')).toEqual([t('** x')]);
    expect(parseFormatting('a * b * c')).toEqual([t('a * b * c')]);
  });

  it('does not format inside words', () => {
    expect(parseFormatting('snake_case_name')).toEqual([t('snake_case_name')]);
    expect(parseFormatting('2*3*4 = 24')).toEqual([t('2*3*4 = 24')]);
    expect(parseFormatting('*bold*text')).toEqual([t('*bold*text')]);
    expect(parseFormatting('call my_var_ now')).toEqual([t('call my_var_ now')]);
  });

  it('never formats across a newline', () => {
    expect(parseFormatting('*one\ntwo*')).toEqual([t('*one\ntwo*')]);
    expect(parseFormatting('*one*\n_two_')).toEqual([
      { type: 'bold', children: [t('one')] },
      t('\n'),
      { type: 'italic', children: [t('two')] },
    ]);
  });

  it('takes ```monospace``` blocks literally, across lines', () => {
    expect(parseFormatting('see ```a *b*\n_c_``` ok')).toEqual([
      t('see '),
      { type: 'mono', text: 'a *b*\n_c_' },
      t(' ok'),
    ]);
    expect(parseFormatting('`*x*`')).toEqual([{ type: 'code', text: '*x*' }]);
    expect(parseFormatting('``````')).toEqual([t('``````')]);
  });

  it('finds links and trims the punctuation after them', () => {
    expect(parseFormatting('Go to https://wren.app/docs.')).toEqual([
      t('Go to '),
      link('https://wren.app/docs', 'https://wren.app/docs'),
      t('.'),
    ]);
    expect(parseFormatting('(see www.example.com)')).toEqual([
      t('(see '),
      link('www.example.com', 'https://www.example.com'),
      t(')'),
    ]);
    expect(parseFormatting('https://en.wikipedia.org/wiki/Wren_(bird)!')).toEqual([
      link('https://en.wikipedia.org/wiki/Wren_(bird)', 'https://en.wikipedia.org/wiki/Wren_(bird)'),
      t('!'),
    ]);
  });

  it('never formats inside a link, but may format around it', () => {
    expect(parseFormatting('https://x.com/a_b_c')).toEqual([link('https://x.com/a_b_c', 'https://x.com/a_b_c')]);
    expect(parseFormatting('*https://x.com*')).toEqual([
      { type: 'bold', children: [link('https://x.com', 'https://x.com')] },
    ]);
  });

  it('recognises emails and phone numbers', () => {
    expect(parseFormatting('Mail shop@bakery.co.uk.')).toEqual([
      t('Mail '),
      link('shop@bakery.co.uk', 'mailto:shop@bakery.co.uk', 'email'),
      t('.'),
    ]);
    expect(parseFormatting('Call +44 7700 900123 today')).toEqual([
      t('Call '),
      link('+44 7700 900123', 'tel:+447700900123', 'phone'),
      t(' today'),
    ]);
    expect(parseFormatting('Order 2024-01-02 and +12')).toEqual([t('Order 2024-01-02 and +12')]);
  });

  it('keeps every character a person typed, minus the markers', () => {
    const text = 'Hi *Ana*, your _order_ ~#12~ is `ready`: https://shop.example/o/12 or +1 555 010 0199';
    expect(plainText(parseFormatting(text))).toBe(
      'Hi Ana, your order #12 is ready: https://shop.example/o/12 or +1 555 010 0199',
    );
  });
});
