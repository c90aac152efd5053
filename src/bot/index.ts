/**
 * The parts assistant: `CHATBOT_SYSTEM.bot`.
 * @example
 * const reply = await CHATBOT_SYSTEM.bot.ask('bujia para nkd 125');
 * console.log(reply.text, reply.products);
 */
export { createBot } from './bot';
export type { Bot, BotEvents, BotDeps, ReplyDetails } from './bot';
export { BotSettingsSchema, parseBotSettings } from './settings';
export type { BotSettings } from './settings';
export type { AssistantReply, ProductCard, ReplyKind } from './engine';
export type { LexiconData } from './lexicon/types';
export type { StaffDelivery } from './staff-outbox';
export type { MessagingPort, StaffNotifier } from './ports';
