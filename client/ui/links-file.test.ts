import { describe, expect, it } from 'vitest';
import { linksText } from './links-file.ts';

describe('linksText', () => {
  it('puts each participant’s link on a line of its own, under the title', () => {
    const text = linksText('Joint Statement', [
      { who: 'Malaysia (MYS)', link: 'https://host/join/aaa' },
      { who: 'Observers', link: 'https://host/join/bbb' },
    ]);
    expect(text.split('\n')).toEqual([
      'Joint Statement: links to the Mufakat room',
      'Each link is personal: send each delegation its own, and keep them from anyone else.',
      '',
      'Malaysia (MYS): https://host/join/aaa',
      'Observers: https://host/join/bbb',
      '',
    ]);
  });
});
