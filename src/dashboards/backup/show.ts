import { formatBytes } from '../../core/format';
import type { Backup, BackupSystem } from '../../backup';
import type { ChatbotSystem } from '../../system';
import { actions, button, el, openDashboard, statGrid, table } from '../kit';

const RECENT_LIMIT = 20;
const TYPE_LABELS: Record<Backup['type'], string> = { manual: 'Manual', auto: 'Automático', scheduled: 'Programado' };
const TRIGGER_LABELS: Record<string, string> = {
  interval: 'cada intervalo',
  before_restore: 'antes de restaurar',
  after_restore: 'tras restaurar',
  user_request: 'desde el panel',
};

const when = (iso: string): string =>
  new Date(iso).toLocaleString('es-CO', { day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * `showBackupDashboard()`: totals (backups, total and average size), the automatic backup state,
 * the recent backups with restore / export / delete (each destructive action asks first), a
 * button for a manual backup and a file picker to import a backup file.
 * @example await CHATBOT_SYSTEM.showBackupDashboard();
 */
export function show(host: Window, system: ChatbotSystem): void {
  const backups: BackupSystem = system.backupSystem;
  const doc = host.document;
  const view = openDashboard(host, 'dashboard-backup', 'Backups y recuperación');
  const overview = view.section('Resumen');
  const tools = view.section('Acciones');
  const recent = view.section('Backups recientes');

  const passphrase = el(doc, 'input', { attrs: { type: 'password', autocomplete: 'off', id: 'backup-passphrase', placeholder: 'Solo para backups cifrados' } });
  const fileInput = el(doc, 'input', { attrs: { type: 'file', accept: 'application/json,.json', id: 'backup-import-file' } });
  let busy = false;

  const run = async (label: string, work: () => Promise<string>): Promise<void> => {
    if (busy) return;
    busy = true;
    view.announce(`${label}…`);
    try {
      view.announce(await work(), 'ok');
    } catch (error) {
      view.announce(`${label}: ${describeError(error)}`, 'error');
    } finally {
      busy = false;
      render();
    }
  };

  const restore = (backup: Backup): void => {
    const ok = host.confirm(`¿Restaurar el backup del ${when(backup.createdAt)}? Los datos actuales se reemplazarán (se guarda antes un backup de seguridad).`);
    if (!ok) return;
    void run('Restaurando', async () => {
      const secret = passphrase.value;
      const result = await backups.restoreBackup(backup.id, { clearExisting: true, restoreSession: false, reload: false, ...(secret ? { passphrase: secret } : {}) });
      return `Backup restaurado (${result.records.toLocaleString('es-CO')} registros). Recarga la página para ver los datos restaurados.`;
    });
  };

  const exportOne = (backup: Backup): void => {
    void run('Exportando', async () => {
      const file = await backups.exportBackup(backup.id, 'json');
      return `Archivo descargado (${formatBytes(file.size)})`;
    });
  };

  const remove = (backup: Backup): void => {
    if (!host.confirm(`¿Eliminar el backup del ${when(backup.createdAt)}? No se puede deshacer.`)) return;
    void run('Eliminando', async () => {
      backups.deleteBackup(backup.id);
      return 'Backup eliminado';
    });
  };

  const rowActions = (backup: Backup): HTMLElement =>
    actions(
      doc,
      button(doc, 'Restaurar', () => restore(backup), 'primary'),
      button(doc, 'Exportar', () => exportOne(backup)),
      button(doc, 'Eliminar', () => remove(backup), 'danger'),
    );

  const render = (): void => {
    const stats = backups.getStats();
    const next = backups.nextAutoBackup;
    overview.replaceChildren(
      statGrid(doc, [
        { label: 'Backups', value: stats.totalBackups.toLocaleString('es-CO'), hint: `${stats.backupsByType.manual} manuales · ${stats.backupsByType.auto} automáticos` },
        { label: 'Tamaño total', value: stats.totalSize },
        { label: 'Tamaño promedio', value: stats.avgSize },
        {
          label: 'Backup automático',
          value: stats.autoBackupEnabled ? 'Activo' : 'Inactivo',
          ...(stats.autoBackupEnabled && next ? { hint: `próximo: ${when(next)}` } : {}),
        },
        { label: 'Último backup', value: stats.lastBackup ? when(stats.lastBackup) : '—' },
      ]),
    );
    recent.replaceChildren(
      table(
        doc,
        'Backups más recientes primero',
        [
          { label: 'Fecha', value: (b) => when(b.createdAt) },
          { label: 'Tipo', value: (b) => TYPE_LABELS[b.type] },
          { label: 'Motivo', value: (b) => TRIGGER_LABELS[String(b.metadata.trigger)] ?? String(b.metadata.trigger ?? '—') },
          { label: 'Datos', value: (b) => formatBytes(b.size), numeric: true },
          { label: 'Guardado', value: (b) => formatBytes(b.compressedSize), numeric: true },
          { label: 'Cifrado', value: (b) => (b.encrypted ? 'Sí' : 'No') },
          { label: 'Acciones', value: rowActions },
        ],
        backups.listBackups().slice(0, RECENT_LIMIT),
        'Todavía no hay backups',
      ),
    );
  };

  const createManual = (): void => {
    void run('Creando backup', async () => {
      const secret = passphrase.value;
      const backup = await backups.createBackup('manual', { trigger: 'user_request' }, secret ? { passphrase: secret } : {});
      return `Backup creado: ${formatBytes(backup.compressedSize)}${backup.encrypted ? ' (cifrado)' : ''}`;
    });
  };

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    void run('Importando', async () => {
      const backup = await backups.importBackup(file);
      fileInput.value = '';
      return `Backup importado del ${when(backup.createdAt)}`;
    });
  });

  tools.append(
    actions(doc, button(doc, 'Crear backup manual', createManual, 'primary')),
    el(doc, 'label', { attrs: { for: 'backup-import-file' }, text: 'Importar un archivo de backup: ' }, fileInput),
    el(doc, 'label', { attrs: { for: 'backup-passphrase' }, text: 'Frase de paso (cifra el backup manual, abre uno cifrado): ' }, passphrase),
  );

  const unsubscribe = (['backup_created', 'backup_deleted', 'backup_restored'] as const).map((type) => backups.on(type, () => render()));
  view.onClose(() => unsubscribe.forEach((stop) => stop()));
  // Backups taken or deleted in another tab (automatic ones run in one tab only) show up too.
  view.every(5_000, () => {
    if (!busy) render();
  });
  render();
}
