import { mountStaffInbox, type MountedStaffInbox, type MountStaffInboxOptions } from './mount-staff-inbox';
import { adoptStyles } from './staff-styles';
import { staffStrings } from './staff-strings';

export interface StaffInboxOverlay extends MountedStaffInbox {
  /** Signs out and removes the overlay (also on Escape or its close button). */
  close(): Promise<void>;
  /** Resolves once the overlay is closed (by any means). */
  readonly closed: Promise<void>;
}

/**
 * The staff inbox over the current page, full screen: what `showMessagingDashboard()` opens on a
 * store page. Focus moves into it, Escape closes it, and focus returns where it was.
 * @example const overlay = openStaffInboxOverlay({ service: 'wss://chat.tienda.co/xmpp-websocket', roomsDomain: 'rooms.chat.tienda.co' });
 */
export function openStaffInboxOverlay(options: MountStaffInboxOptions & { document?: Document }): StaffInboxOverlay {
  const doc = options.document ?? document;
  adoptStyles(doc);
  const t = staffStrings(options.language ?? 'es');
  const previous = doc.activeElement as HTMLElement | null;
  const dialog = doc.createElement('div');
  dialog.className = 'staff-inbox-overlay';
  dialog.setAttribute('role', 'dialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-label', t.title);
  const closeButton = doc.createElement('button');
  closeButton.type = 'button';
  closeButton.className = 'close';
  closeButton.textContent = t.close;
  dialog.append(closeButton);
  doc.body.append(dialog);
  const view = mountStaffInbox(dialog, options);
  let closing: Promise<void> | undefined;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const close = (): Promise<void> => {
    closing ??= view.dispose().then(() => {
      dialog.remove();
      previous?.focus?.();
      markClosed();
    });
    return closing;
  };
  closeButton.addEventListener('click', () => void close());
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') void close();
  });
  (dialog.querySelector<HTMLElement>('input[name="jid"]') ?? closeButton).focus();
  return {
    root: view.root,
    session: view.session,
    get inbox() {
      return view.inbox;
    },
    dispose: close,
    close,
    closed,
  };
}
