export function ensureChromium(): string;
export function ensureProsody(): string;
