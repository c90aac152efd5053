import { describe, expect, it } from 'vitest';
import { ES } from '../../../src/dashboards/backup/copy/es';
import { EN } from '../../../src/dashboards/backup/copy/en';
import { PT } from '../../../src/dashboards/backup/copy/pt';
import { FR } from '../../../src/dashboards/backup/copy/fr';
import { UNREACHABLE_REASONS } from '../../../src/backup';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('the backup dashboard in four languages', () => {
  it('has every string, with the same placeholders, in es, en, pt and fr, and a reason for every refusal', () => {
    for (const copy of [EN, PT, FR]) {
      expect(Object.keys(copy).sort()).toEqual(Object.keys(ES).sort());
      for (const [key, text] of Object.entries(ES)) expect(placeholders(copy[key as keyof typeof ES]), key).toEqual(placeholders(text));
    }
    for (const reason of UNREACHABLE_REASONS) expect(ES).toHaveProperty(`reason${reason}`);
  });
});
