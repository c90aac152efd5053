/** Returns the Chromium path, installing Debian's package when possible; throws with the fix otherwise. */
export function ensureChromium(): string;
