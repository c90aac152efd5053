/**
 * The one error class of the widget. Every public method throws a `ChatbotError` for bad input
 * or an impossible request, and background work emits one on the system's `error` event.
 * This table gives each code its English lead-in.
 * @example ERROR_MESSAGES.QUOTA_EXCEEDED // 'Storage quota exceeded'
 */
export const ERROR_MESSAGES = {
  VALIDATION: 'Invalid input',
  NOT_FOUND: 'Not found',
  FORBIDDEN: 'Not allowed for this user',
  CONFLICT: 'Conflicts with the current state',
  UNSUPPORTED: 'Not supported by this browser',
  PERMISSION_DENIED: 'Permission denied',
  OFFLINE: 'No network connection',
  NETWORK: 'Network request failed',
  TIMEOUT: 'Timed out',
  QUOTA_EXCEEDED: 'Storage quota exceeded',
  STORAGE_FAILED: 'Storage operation failed',
  CORRUPT_BACKUP: 'The backup is corrupt or incompatible',
  WRONG_PASSPHRASE: 'Wrong passphrase',
  TOO_LARGE: 'Too large',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ChatbotErrorOptions {
  details?: unknown;
  cause?: unknown;
}

/**
 * @example
 * try { messaging.sendMessage('nope', { text: 'hola' }); }
 * catch (e) { if (isChatbotError(e) && e.code === 'NOT_FOUND') showToast(e.message); }
 */
export class ChatbotError extends Error {
  override readonly name = 'ChatbotError';
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, options: ChatbotErrorOptions = {}) {
    super(message ? `${ERROR_MESSAGES[code]}: ${message}` : ERROR_MESSAGES[code], { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

/** @example isErrorCode(message.code) ? message.code : 'STORAGE_FAILED' */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

/** @example if (isChatbotError(err, 'QUOTA_EXCEEDED')) askUserToFreeSpace(); */
export function isChatbotError(value: unknown, code?: ErrorCode): value is ChatbotError {
  return value instanceof ChatbotError && (code === undefined || value.code === code);
}

/** Wraps any thrown value into a ChatbotError of the given code, keeping ChatbotErrors as they are. */
export function toChatbotError(value: unknown, code: ErrorCode, message?: string): ChatbotError {
  if (value instanceof ChatbotError) return value;
  const text = message ?? (value instanceof Error ? value.message : String(value));
  return new ChatbotError(code, text, { cause: value });
}
