import { formatBytes, formatPercent } from '../../core/format';
import type { BackupSystem, CloudStatus, StorageReport } from '../../backup';
import { actions, button, el, statGrid } from '../kit';
import type { DashboardText } from './copy';
import type { Runner } from './feedback';

/**
 * Storage used against the quota (a warning before a backup no longer fits) and cloud sync's
 * state with its last upload. Both are read asynchronously; a slow answer never blanks the view.
 * @example const health = createHealth(deps); storageSection.append(health.storage); await health.update();
 */
export function createHealth(deps: { doc: Document; text: DashboardText; backups: BackupSystem; run: Runner }) {
  const { doc, text, backups } = deps;
  const { t } = text;
  const storage = el(doc, 'div', { className: 'storage' });
  const cloud = el(doc, 'div', { className: 'cloud' });
  let generation = 0;

  const renderStorage = (report: StorageReport): void => {
    const parts: Node[] = [];
    if (report.usage !== null && report.quota !== null) {
      const meter = el(doc, 'meter', {
        attrs: {
          id: 'backup-storage-meter', min: '0', max: String(report.quota), value: String(report.usage),
          low: String(report.quota * 0.8), high: String(report.quota * 0.95), optimum: '0', 'aria-label': t('storageMeter'),
        },
      });
      parts.push(el(doc, 'p', { className: 'meter-row' }, meter, el(doc, 'span', { className: 'storage-used', text: t('storageUsed', { used: formatBytes(report.usage), quota: formatBytes(report.quota), percent: formatPercent(report.ratio ?? 0) }) })));
    } else parts.push(el(doc, 'p', { text: t('storageUnknown') }));
    parts.push(el(doc, 'p', { text: t('storageBackups', { size: formatBytes(report.backupBytes), next: formatBytes(report.nextBackupBytes) }) }));
    if (report.persisted !== null) parts.push(el(doc, 'p', { className: 'hint', text: t(report.persisted ? 'storagePersisted' : 'storageNotPersisted') }));
    if (report.level === 'warning' || report.level === 'critical') {
      parts.unshift(el(doc, 'p', { className: `alert ${report.level}`, attrs: { role: 'alert' }, text: t(report.level === 'critical' ? 'storageCritical' : 'storageWarning') }));
    }
    storage.replaceChildren(...parts);
  };

  const renderCloud = (status: CloudStatus): void => {
    cloud.replaceChildren(
      statGrid(doc, [
        { label: t('cloudState'), value: status.configured ? t('cloudOn') : t('cloudOff'), ...(status.endpoint ? { hint: status.endpoint } : {}) },
        { label: t('cloudPending'), value: status.pending.toLocaleString(text.locale) },
        { label: t('cloudLast'), value: status.lastUploadAt ? text.when(status.lastUploadAt) : t('cloudNever') },
        { label: t('cloudUploaded'), value: status.uploaded.toLocaleString(text.locale), hint: t('cloudUploadedHint', { count: status.notUploaded }) },
      ]),
      ...(status.configured
        ? [actions(doc, button(doc, t('cloudSyncNow'), () => deps.run(t('syncing'), async () => {
            await backups.syncNow();
            return { message: t('cloudSynced', { pending: await backups.pendingUploads() }) };
          })))]
        : []),
    );
  };

  return {
    storage,
    cloud,
    /** Reads both again; an answer overtaken by a newer update is dropped. */
    async update(): Promise<void> {
      const mine = ++generation;
      const [report, status] = await Promise.all([backups.getStorageEstimate(), backups.getCloudStatus()]);
      if (mine !== generation) return;
      renderStorage(report);
      renderCloud(status);
    },
  };
}
