import { ChatbotError, type ErrorCode } from '../../core/errors';
import type { StanzaError } from './iq-stanzas';

const CODES: Readonly<Record<string, ErrorCode>> = {
  forbidden: 'FORBIDDEN',
  'not-allowed': 'FORBIDDEN',
  'not-authorized': 'FORBIDDEN',
  'policy-violation': 'FORBIDDEN',
  'registration-required': 'FORBIDDEN',
  conflict: 'CONFLICT',
  'item-not-found': 'NOT_FOUND',
  'feature-not-implemented': 'UNSUPPORTED',
  'service-unavailable': 'UNSUPPORTED',
  'not-acceptable': 'VALIDATION',
  'bad-request': 'VALIDATION',
  'resource-constraint': 'QUOTA_EXCEEDED',
  'remote-server-timeout': 'TIMEOUT',
};

/**
 * A refused request as a ChatbotError: the XMPP condition picks the code (`policy-violation` →
 * `FORBIDDEN`, `conflict` → `CONFLICT` …), and `details` keeps the stanza error itself.
 * @example catch (e) { if (isChatbotError(e, 'FORBIDDEN') && (e.details as StanzaError).type === 'wait') retryLater(); }
 */
export function stanzaErrorToChatbotError(error: StanzaError, what: string): ChatbotError {
  return new ChatbotError(CODES[error.condition] ?? 'NETWORK', `${what}: ${error.condition}${error.text ? ` (${error.text})` : ''}`, { details: error });
}
