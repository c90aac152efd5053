/**
 * The ES module entry for integrators who bundle the widget themselves.
 * @example
 * import { createSystem } from 'chatbot-repuestos-motos';
 * const system = createSystem({ storeName: 'Motos Don Pepe' }, { host: window });
 * await system.ready;
 */
export { createSystem, VERSION } from './system';
export type { ChatbotSystem, SystemDeps, SystemEvents } from './system';
export { ChatbotError, isChatbotError, ERROR_MESSAGES } from './core/errors';
export type { ErrorCode } from './core/errors';
export { ConfigSchema, parseConfig, LANGUAGES } from './core/config';
export type { Config, ConfigInput, Language } from './core/config';
export { createManualClock, systemClock } from './core/clock';
export type { Clock, ManualClock } from './core/clock';
export { formatBytes, formatDuration, formatPercent } from './core/format';
export { installGlobals } from './shell/install-globals';
