/**
 * Relative luminance of a #rrggbb colour (WCAG 2).
 * @example luminance('#ffffff') // 1
 */
export function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * The text colour (white or near-black) that reads best on a store's brand colour, so any
 * `brandColor` keeps WCAG AA contrast on the launcher and the panel header.
 * @example readableOn('#c1121f') // '#ffffff'
 */
export function readableOn(hex: string): string {
  const l = luminance(hex);
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? '#ffffff' : '#111111';
}

/**
 * The brand colour itself where it reads on white (AA, 4.5:1), else near-black: links, chips.
 * @example inkOnWhite('#ffd60a') // '#1f2328' (yellow text on white would not read)
 */
export function inkOnWhite(hex: string): string {
  return 1.05 / (luminance(hex) + 0.05) >= 4.5 ? hex : '#1f2328';
}
