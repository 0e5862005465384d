import { describe, expect, it } from 'vitest';
import { isExternalLink } from './external-links';

describe('links a chat may open outside Wren', () => {
  it('opens web, mail and phone links', () => {
    for (const url of [
      'https://shop.example/menu',
      'http://shop.example',
      'mailto:ana@shop.example',
      'tel:+447911123456',
    ])
      expect(isExternalLink(url)).toBe(true);
  });

  it('never opens local files, scripts, custom protocols or junk', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:privacy',
      'shop.example',
      '',
      'http//x',
    ])
      expect(isExternalLink(url)).toBe(false);
  });
});
