import { ChatbotError, isChatbotError, toChatbotError } from '../core/errors';
import { buildUploadSlotRequest, parseUploadSlot } from './protocol/iq-stanzas';
import type { XmppConnection } from './protocol/xmpp-connection';
import type { LiveMessagingPort } from './ports';
import type { SentFile } from './outbound';

/** Failures that the same upload would meet again: the file goes as its name only. */
const PERMANENT: ReadonlySet<string> = new Set(['TOO_LARGE', 'FORBIDDEN', 'NOT_FOUND', 'UNSUPPORTED', 'VALIDATION']);

export interface UploadOptions {
  connection: XmppConnection;
  /** Where the file's bytes are (the widget's stored attachments; a staff composer's picked file). */
  port: Pick<LiveMessagingPort, 'getAttachment'>;
  /** The upload service's JID (`upload.<domain>`). */
  service: string;
  fetch: typeof fetch;
  newId(): string;
  reportError(error: ChatbotError): void;
}

/**
 * Uploads a message's file with XEP-0363 (a slot from the server, then an HTTP PUT) and resolves
 * the URL to share. A passing failure (network, timeout) rejects, so the outbox tries again; a
 * permanent one (too large, refused, the file deleted) is reported and the file goes as its name.
 * @example const files = await Promise.all(message.content.attachments.map((file) => uploadAttachment(options, file)));
 */
export async function uploadAttachment(options: UploadOptions, file: { id: string; name: string; mimeType: string; size: number }): Promise<SentFile> {
  try {
    const blob = await options.port.getAttachment(file.id);
    const answer = await options.connection.request(
      buildUploadSlotRequest({ service: options.service, id: options.newId(), filename: file.name, size: blob.size, contentType: file.mimeType || 'application/octet-stream' }),
    );
    const slot = parseUploadSlot(answer);
    if (!slot) throw new ChatbotError('UNSUPPORTED', `${options.service} answered without a usable upload slot`);
    let response: Response;
    try {
      response = await options.fetch(slot.putUrl, { method: 'PUT', body: blob, headers: { ...slot.headers, 'content-type': file.mimeType || 'application/octet-stream' } });
    } catch (error) {
      throw toChatbotError(error, 'NETWORK', `uploading ${file.name}`);
    }
    if (!response.ok) throw new ChatbotError(response.status === 413 ? 'TOO_LARGE' : response.status >= 500 ? 'NETWORK' : 'FORBIDDEN', `uploading ${file.name}: HTTP ${response.status}`);
    return { name: file.name, url: slot.getUrl };
  } catch (error) {
    if (isChatbotError(error) && PERMANENT.has(error.code)) {
      options.reportError(error);
      return { name: file.name };
    }
    throw error;
  }
}
