import type { BackupSystem } from '../../backup';
import { el } from '../kit';
import type { DashboardText } from './copy';

/** What an action reports: its message, and how to undo it when it can be undone. */
export interface Outcome {
  message: string;
  /** The backup a restore took first: restoring it undoes the restore. */
  safetyBackupId?: string;
  undo?: () => void;
}

/** Runs one action at a time, showing its progress, its outcome and an Undo button. */
export type Runner = (label: string, work: () => Promise<Outcome>) => void;

export interface FeedbackDeps {
  doc: Document;
  text: DashboardText;
  backups: BackupSystem;
  passphrase(): string;
  /** After every action (the dashboard re-renders). */
  settled(): void;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The dashboard's status line (role=status) with an Undo button next to it: a restore is undone by
 * restoring the safety backup it took first (itself undoable the same way), a delete by its own undo.
 * @example const feedback = createFeedback(deps); feedback.run('Restaurando', async () => ({ message: 'Listo', safetyBackupId }));
 */
export function createFeedback(deps: FeedbackDeps) {
  const { doc, text } = deps;
  const message = el(doc, 'span', { attrs: { role: 'status', 'aria-live': 'polite' } });
  const undoButton = el(doc, 'button', { className: 'btn secondary', text: text.t('undo'), attrs: { type: 'button', id: 'backup-undo' } });
  undoButton.hidden = true;
  const element = el(doc, 'div', { className: 'feedback' }, message, undoButton);
  element.hidden = true;
  let busy = false;
  let undo: (() => void) | undefined;

  const say = (line: string, kind: 'ok' | 'error' | 'progress', undoWith?: () => void): void => {
    element.hidden = false;
    element.className = `feedback ${kind}`;
    message.textContent = line;
    undo = undoWith;
    undoButton.hidden = !undoWith;
  };
  undoButton.addEventListener('click', () => {
    const action = undo;
    undo = undefined;
    undoButton.hidden = true;
    action?.();
  });

  const restoreSafety = (safetyBackupId: string): void =>
    run(text.t('undoing'), async () => {
      const secret = deps.passphrase();
      const result = await deps.backups.restoreBackup(safetyBackupId, { clearExisting: true, restoreSession: false, reload: false, ...(secret ? { passphrase: secret } : {}) });
      return { message: text.t('undone', { records: result.records.toLocaleString(text.locale) }), safetyBackupId: result.safetyBackupId };
    });

  const run: Runner = (label, work) => {
    if (busy) return;
    busy = true;
    say(`${label}…`, 'progress');
    work().then(
      (outcome) => {
        const safety = outcome.safetyBackupId;
        say(outcome.message, 'ok', outcome.undo ?? (safety ? () => restoreSafety(safety) : undefined));
      },
      (error: unknown) => say(text.t('failed', { label, message: describe(error) }), 'error'),
    ).finally(() => {
      busy = false;
      deps.settled();
    });
  };

  return {
    element,
    run,
    say,
    get busy() {
      return busy;
    },
  };
}
