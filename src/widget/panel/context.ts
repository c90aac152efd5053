import type { Disposable } from '../../core/disposables';
import type { ChatbotSystem } from '../../system';

/** What the launcher hands the lazily loaded panel. */
export interface WidgetContext {
  host: Window;
  system: ChatbotSystem;
  /** The widget's shadow root (the panel mounts next to the launcher). */
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  setExpanded(open: boolean): void;
  setUnread(count: number): void;
  /** The deferred `beforeinstallprompt` event, while the browser offers installation. */
  installPrompt(): Event | undefined;
  onInstallChange(listener: () => void): () => void;
  clearInstallPrompt(): void;
}

/** The chat panel; `dispose()` removes it and every listener it added. */
export interface PanelHandle extends Disposable {
  open(): void;
  close(): void;
  toggle(): void;
  readonly isOpen: boolean;
}
