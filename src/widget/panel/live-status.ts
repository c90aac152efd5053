import type { Disposable } from '../../core/disposables';
import type { I18n } from '../../i18n';
import type { LiveChat, LiveStatus } from '../../live-chat';
import { h } from './dom';

export interface LiveStatusLine extends Disposable {
  readonly element: HTMLParagraphElement;
  /** Shows the state again (the conversation changed, or became live). */
  refresh(): void;
}

/**
 * The line under the header that says, honestly, where the line to staff stands once the
 * customer asked for a person: connecting, connected, reconnecting, offline (messages wait), or
 * sending what waited. Hidden while the conversation is with the assistant only.
 * @example const line = createLiveStatusLine({ doc, i18n, liveChat, conversationId: () => id }); header.after(line.element);
 */
export function createLiveStatusLine(options: { doc: Document; i18n: I18n; liveChat: LiveChat; conversationId: () => string | undefined }): LiveStatusLine {
  const { doc, i18n, liveChat } = options;
  const element = h(doc, 'p', { class: 'banner live', role: 'status', hidden: true });
  const textOf = (status: LiveStatus): string => {
    if (status.state === 'connected' && status.pending > 0) return i18n.tn('panel.live.sending', status.pending);
    switch (status.state) {
      case 'connected':
        return i18n.t('panel.live.connected');
      case 'reconnecting':
        return i18n.t('panel.live.reconnecting');
      case 'offline':
        return i18n.t('panel.live.offline');
      case 'failed':
        return i18n.t('panel.live.failed');
      default:
        return i18n.t('panel.live.connecting');
    }
  };
  const refresh = (): void => {
    const id = options.conversationId();
    const status = liveChat.status;
    const shown = liveChat.configured && id !== undefined && liveChat.isLive(id);
    element.hidden = !shown;
    element.dataset.state = status.state;
    if (shown) element.textContent = textOf(status.state === 'off' ? { ...status, state: 'connecting' } : status);
  };
  const stop = liveChat.on('status_changed', refresh);
  return {
    element,
    refresh,
    dispose: stop,
  };
}
