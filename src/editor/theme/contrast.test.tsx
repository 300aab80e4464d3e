import { describe, expect, it } from 'vitest';
import { contrastRatio, CONTRAST_RULES } from './contrast.ts';
import { PALETTES } from './palettes.ts';

const THEMES = PALETTES;

describe('theme palettes', () => {
  it('define the same properties in both themes', () => {
    expect(Object.keys(THEMES.dark).sort()).toEqual(Object.keys(THEMES.light).sort());
  });

  for (const [theme, colours] of Object.entries(THEMES)) {
    it(`keep text, node borders, diagnostics and focus rings readable in the ${theme} theme`, () => {
      const failures = CONTRAST_RULES.flatMap((rule) => {
        const fg = (colours as Readonly<Record<string, string>>)[rule.fg];
        const bg = (colours as Readonly<Record<string, string>>)[rule.bg];
        const ratio = fg === undefined || bg === undefined ? undefined : contrastRatio(fg, bg);
        if (ratio === undefined)
          return [`${rule.fg} on ${rule.bg}: not two #rrggbb colours (${String(fg)}, ${String(bg)})`];
        return ratio >= rule.min
          ? []
          : [`${rule.fg} ${fg} on ${rule.bg} ${bg}: ${ratio.toFixed(2)} < ${String(rule.min)} (${rule.why})`];
      });
      expect(failures).toEqual([]);
    });
  }
});

describe('contrastRatio', () => {
  it('is 21 for black on white, 1 for a colour on itself, and symmetric', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#2f6fdb', '#2f6fdb')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ffffff', '#767676')).toBe(contrastRatio('#767676', '#ffffff'));
    expect(contrastRatio('red', '#ffffff')).toBeUndefined();
  });
});
