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
  /** IndexedDB (or the browser's storage) refused or failed: nothing else. */
  STORAGE_FAILED: 'Storage operation failed',
  /** A part of the widget (the chat system, a lazy chunk) could not be downloaded or started. */
  LOAD_FAILED: 'Could not load a part of the chat widget',
  /** An automatic backup could not be made for a reason other than storage or quota. */
  BACKUP_FAILED: 'The backup could not be made',
  CORRUPT_BACKUP: 'The backup is corrupt or incompatible',
  WRONG_PASSPHRASE: 'Wrong passphrase',
  TOO_LARGE: 'Too large',
  /** This tab queued more changes than storage keeps waiting: retry once `flush()` resolves. */
  BUSY: 'Too many changes waiting to be stored',
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

// The engine's own error types: thrown by our code when it is wrong, never by a failing disk or
// network. (SyntaxError is not here: `response.json()` throws it for a bad file from the store.)
const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError];
// …except the TypeErrors browsers use for a failed request or module download.
const NETWORK_TYPE_ERROR = /^(failed to fetch|fetch failed|networkerror when attempting to fetch|load failed|error loading dynamically imported module|importing a module script failed)/i;

/**
 * Whether `value` is a bug in our code (a TypeError, RangeError or ReferenceError that is not a
 * failed request): such an error must surface as uncaught, never be reported as a failure of
 * storage or network.
 * @example isProgrammingError(new TypeError("Cannot read properties of undefined")) // true
 * @example isProgrammingError(new TypeError('Failed to fetch')) // false: the network failed
 */
export function isProgrammingError(value: unknown): value is Error {
  if (!PROGRAMMING_ERRORS.some((type) => value instanceof type)) return false;
  return !(value instanceof TypeError && NETWORK_TYPE_ERROR.test(value.message));
}

// DOMException names that say by themselves what failed, whatever the caller was doing.
const DOM_EXCEPTION_CODES: Readonly<Record<string, ErrorCode>> = {
  QuotaExceededError: 'QUOTA_EXCEEDED',
  NotAllowedError: 'PERMISSION_DENIED',
  NotSupportedError: 'UNSUPPORTED',
  NetworkError: 'NETWORK',
  TimeoutError: 'TIMEOUT',
  // IndexedDB's own failures.
  UnknownError: 'STORAGE_FAILED',
  ConstraintError: 'STORAGE_FAILED',
  DataError: 'STORAGE_FAILED',
  ReadOnlyError: 'STORAGE_FAILED',
  TransactionInactiveError: 'STORAGE_FAILED',
  VersionError: 'STORAGE_FAILED',
};

/**
 * The code a failure carries by itself: a ChatbotError's, or the one a DOMException's name gives.
 * @example errorCodeOf(new DOMException('full', 'QuotaExceededError')) // 'QUOTA_EXCEEDED'
 */
export function errorCodeOf(value: unknown): ErrorCode | undefined {
  if (value instanceof ChatbotError) return value.code;
  return value instanceof DOMException ? DOM_EXCEPTION_CODES[value.name] : undefined;
}

/**
 * Wraps a failure into a ChatbotError: a ChatbotError stays as it is, a DOMException whose name
 * says what failed gets that code (quota, permission, IndexedDB…), anything else gets `code`.
 * A programming error is rethrown as it is (see `isProgrammingError`): a bug must not be
 * reported as a storage or network failure.
 * @example promise.catch((error: unknown) => reportError(toChatbotError(error, 'NETWORK', 'catalog')))
 */
export function toChatbotError(value: unknown, code: ErrorCode, message?: string): ChatbotError {
  if (value instanceof ChatbotError) return value;
  if (isProgrammingError(value)) throw value;
  const text = message ?? (value instanceof Error ? value.message : String(value));
  return new ChatbotError(errorCodeOf(value) ?? code, text, { cause: value });
}
