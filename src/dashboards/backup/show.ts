import { formatBytes } from '../../core/format';
import type { Backup, BackupSystem } from '../../backup';
import type { ChatbotSystem } from '../../system';
import { actions, button, el, openDashboard, statGrid, table, type DashboardView } from '../kit';
import { BACKUP_CSS } from './backup-styles';
import { backupCopy } from './copy';
import { createFeedback } from './feedback';
import { createHealth } from './health';
import { triggerLabel, typeLabel } from './labels';
import { createPointInTime } from './point-in-time';
import { retentionView } from './retention-view';
import { createTimeline } from './timeline';

const RECENT_LIMIT = 20;
const REFRESH_MS = 5_000;
/** How long a deleted backup can be brought back before it really goes. */
const UNDO_DELETE_MS = 10_000;

/**
 * `showBackupDashboard()`: totals; storage used against the quota, warning before a backup no
 * longer fits; the timeline of backups, journal coverage and restorable spans (SVG, with tables);
 * a point-in-time restore that offers only the moments reachable and says why others are not;
 * manual backup, import and a passphrase; the recent backups with restore / export / delete; the
 * retention preview by rule; cloud sync's state. Every restore and delete asks first and can be
 * undone (a restore through the safety backup it takes first). In the store's language.
 * With `within`, it fills that element instead (the admin page's section).
 * @example await CHATBOT_SYSTEM.showBackupDashboard();
 */
export function show(host: Window, system: ChatbotSystem, within?: HTMLElement): DashboardView {
  const backups: BackupSystem = system.backupSystem;
  const doc = host.document;
  const text = backupCopy(system.config.language);
  const { t } = text;
  const view = openDashboard(host, 'dashboard-backup', t('title'), within);
  view.dialog.lang = system.config.language;
  view.dialog.querySelector('header .close')?.setAttribute('aria-label', t('close'));
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(BACKUP_CSS);
  view.root.adoptedStyleSheets = [...view.root.adoptedStyleSheets, sheet];

  const passphrase = el(doc, 'input', { attrs: { type: 'password', autocomplete: 'off', id: 'backup-passphrase', placeholder: t('passphrasePlaceholder') } });
  const fileInput = el(doc, 'input', { attrs: { type: 'file', accept: 'application/json,.json', id: 'backup-import-file' } });
  const secret = (): string => passphrase.value;
  const withSecret = (): { passphrase?: string } => (secret() ? { passphrase: secret() } : {});
  const confirm = (message: string): boolean => host.confirm(message);

  const feedback = createFeedback({ doc, text, backups, passphrase: secret, settled: () => render(true) });
  const run = feedback.run;
  view.body.append(feedback.element);
  const overview = view.section(t('summary'));
  const health = createHealth({ doc, text, backups, run });
  view.section(t('storage')).append(health.storage);
  const timeline = createTimeline(doc, text);
  view.section(t('timeline')).append(timeline.element);
  const pitr = createPointInTime({ doc, text, backups, run, confirm, passphrase: secret });
  view.section(t('pitr')).append(pitr.element);
  const tools = view.section(t('actions'));
  const recent = view.section(t('recent'));
  const retention = view.section(t('retention'));
  view.section(t('cloud')).append(health.cloud);

  // A delete waits UNDO_DELETE_MS (or the dashboard closing) before it happens, so it can be undone.
  const pendingDeletes = new Map<string, number>();
  const commitDelete = (id: string): void => {
    host.clearTimeout(pendingDeletes.get(id));
    pendingDeletes.delete(id);
    if (backups.getBackup(id)) backups.deleteBackup(id);
  };

  const restore = (backup: Backup): void => {
    if (!confirm(t('confirmRestore', { when: text.when(backup.createdAt) }))) return;
    run(t('restoring'), async () => {
      const result = await backups.restoreBackup(backup.id, { clearExisting: true, restoreSession: false, reload: false, ...withSecret() });
      return { message: t('restored', { records: result.records.toLocaleString(text.locale) }), safetyBackupId: result.safetyBackupId };
    });
  };
  const exportOne = (backup: Backup): void =>
    run(t('exporting'), async () => ({ message: t('exported', { size: formatBytes((await backups.exportBackup(backup.id, 'json')).size) }) }));
  const remove = (backup: Backup): void => {
    if (!confirm(t('confirmDelete', { when: text.when(backup.createdAt), seconds: UNDO_DELETE_MS / 1000 }))) return;
    pendingDeletes.set(backup.id, host.setTimeout(() => {
      commitDelete(backup.id);
      render(true);
    }, UNDO_DELETE_MS));
    feedback.say(t('deleted'), 'ok', () => {
      host.clearTimeout(pendingDeletes.get(backup.id));
      pendingDeletes.delete(backup.id);
      feedback.say(t('deleteUndone'), 'ok');
      render(true);
    });
    render(true);
  };
  const rowActions = (backup: Backup): HTMLElement =>
    actions(doc, button(doc, t('restore'), () => restore(backup), 'primary'), button(doc, t('export'), () => exportOne(backup)), button(doc, t('delete'), () => remove(backup), 'danger'));

  const visible = (): Backup[] => backups.listBackups().filter((b) => !pendingDeletes.has(b.id));
  let shown = '';
  /** Tables with buttons are rebuilt only when their data changed, so keyboard focus stays put. */
  const render = (force: boolean): void => {
    const list = visible();
    const ranges = backups.getRestorableRanges();
    const plan = backups.explainRetention();
    const dropping = new Set(plan.entries.filter((e) => !e.keep).map((e) => e.backup.id));
    timeline.update({ backups: list, ranges, dropping });
    pitr.update(ranges);
    void health.update().catch((error: unknown) => host.reportError(error));
    const signature = JSON.stringify([list.map((b) => [b.id, b.uploadedAt]), backups.nextAutoBackup, backups.config.autoBackup.enabled]);
    if (!force && signature === shown) return;
    shown = signature;
    const stats = backups.getStats();
    const next = backups.nextAutoBackup;
    overview.replaceChildren(statGrid(doc, [
      { label: t('statBackups'), value: stats.totalBackups.toLocaleString(text.locale), hint: t('statBackupsHint', { manual: stats.backupsByType.manual, auto: stats.backupsByType.auto }) },
      { label: t('statTotal'), value: stats.totalSize },
      { label: t('statAvg'), value: stats.avgSize },
      { label: t('statAuto'), value: stats.autoBackupEnabled ? t('autoOn') : t('autoOff'), ...(stats.autoBackupEnabled && next ? { hint: t('autoNext', { when: text.when(next) }) } : {}) },
      { label: t('statLast'), value: stats.lastBackup ? text.when(stats.lastBackup) : '—' },
    ]));
    recent.replaceChildren(table(doc, t('recentCaption'), [
      { label: t('colDate'), value: (b) => text.when(b.createdAt) },
      { label: t('colType'), value: (b) => typeLabel(text, b) },
      { label: t('colTrigger'), value: (b) => triggerLabel(text, b) },
      { label: t('colData'), value: (b) => formatBytes(b.size), numeric: true },
      { label: t('colStored'), value: (b) => formatBytes(b.compressedSize), numeric: true },
      { label: t('colEncrypted'), value: (b) => (b.encrypted ? t('yes') : t('no')) },
      { label: t('colUploaded'), value: (b) => (b.uploadedAt ? text.when(b.uploadedAt) : '—') },
      { label: t('colActions'), value: rowActions },
    ], list.slice(0, RECENT_LIMIT), t('empty')));
    retention.replaceChildren(retentionView(doc, text, plan));
  };

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    run(t('importing'), async () => {
      const backup = await backups.importBackup(file);
      fileInput.value = '';
      return { message: t('imported', { when: text.when(backup.createdAt) }) };
    });
  });
  const createManual = (): void =>
    run(t('creating'), async () => {
      const backup = await backups.createBackup('manual', { trigger: 'user_request' }, withSecret());
      return { message: t(backup.encrypted ? 'createdEncrypted' : 'created', { size: formatBytes(backup.compressedSize) }) };
    });
  tools.classList.add('tools');
  tools.append(
    actions(doc, button(doc, t('createManual'), createManual, 'primary')),
    el(doc, 'label', { attrs: { for: 'backup-import-file' }, text: t('importLabel') }, fileInput),
    el(doc, 'label', { attrs: { for: 'backup-passphrase' }, text: t('passphraseLabel') }, passphrase),
  );

  const unsubscribe = (['backup_created', 'backup_deleted', 'backup_restored'] as const).map((type) => backups.on(type, () => render(false)));
  view.onClose(() => {
    unsubscribe.forEach((stop) => stop());
    // Closing is leaving: a delete still waiting for its undo happens now.
    for (const id of [...pendingDeletes.keys()]) commitDelete(id);
  });
  // Backups taken or deleted in another tab (automatic ones run in one tab only) show up too.
  view.every(REFRESH_MS, () => {
    if (!feedback.busy) render(false);
  });
  render(true);
  return view;
}
