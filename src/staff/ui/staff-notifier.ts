import type { Clock } from '../../core/clock';
import { systemClock } from '../../core/clock';

/** localStorage key of the agent's choice (a preference, not a secret). */
export const ALERTS_KEY = 'staff-inbox.alerts';
// Several messages in a burst make one sound, not a chord.
const QUIET_MS = 2_000;

export interface StaffNotifierOptions {
  win: Window & typeof globalThis;
  clock?: Clock;
}

export interface StaffNotifier {
  /** Whether alerts are on (default on; the agent's last choice is remembered). */
  readonly enabled: boolean;
  /** Switches alerts; switching on asks for notification permission (call it from a click). */
  setEnabled(on: boolean): void;
  /** Tells the agent about something new, with a notification and a short beep, only while the page is hidden. Returns whether it did. */
  alert(title: string, body: string, tag: string, onOpen?: () => void): boolean;
  dispose(): void;
}

/**
 * Desktop notification and a short WebAudio beep (no sound file) for new conversations and
 * messages while the inbox's page is hidden. The agent can switch both off; the choice is kept in
 * localStorage.
 * @example const notifier = createStaffNotifier({ win: window }); notifier.alert('Nuevo mensaje', text, room);
 */
export function createStaffNotifier(options: StaffNotifierOptions): StaffNotifier {
  const { win } = options;
  const clock = options.clock ?? systemClock;
  const storage = ((): Storage | undefined => {
    try {
      return win.localStorage;
    } catch {
      return undefined; // storage blocked (privacy mode): the choice lasts for the page only
    }
  })();
  let enabled = storage?.getItem(ALERTS_KEY) !== 'off';
  let audio: AudioContext | undefined;
  let lastBeep = -Infinity;

  const beep = (): void => {
    const now = clock.now();
    if (now - lastBeep < QUIET_MS || typeof win.AudioContext !== 'function') return;
    lastBeep = now;
    audio ??= new win.AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.25);
  };

  return {
    get enabled() {
      return enabled;
    },
    setEnabled(on) {
      enabled = on;
      storage?.setItem(ALERTS_KEY, on ? 'on' : 'off');
      if (on && 'Notification' in win && win.Notification.permission === 'default') void win.Notification.requestPermission().catch(() => undefined);
      // Browsers start audio only after a gesture: this click is one.
      if (on && typeof win.AudioContext === 'function') void (audio ??= new win.AudioContext()).resume().catch(() => undefined);
    },
    alert(title, body, tag, onOpen) {
      if (!enabled || !win.document.hidden) return false;
      if ('Notification' in win && win.Notification.permission === 'granted') {
        const notification = new win.Notification(title, { body: body.slice(0, 140), tag, lang: win.document.documentElement.lang || 'es' });
        notification.onclick = () => {
          win.focus();
          onOpen?.();
          notification.close();
        };
      }
      beep();
      return true;
    },
    dispose() {
      void audio?.close().catch(() => undefined);
      audio = undefined;
    },
  };
}
