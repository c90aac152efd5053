import type { LiveMessage } from './ports';

/** Longest transcript posted (characters): a long chat keeps its newest part. */
const MAX_TRANSCRIPT = 15_000;

export interface TranscriptInput {
  storeName: string;
  customerId: string;
  messages: readonly LiveMessage[];
  /** Display names of the conversation's participants (assistant, customer). */
  names: Readonly<Record<string, string>>;
  /** Where the customer was when they asked (the page's path), when the store shares it. */
  page?: string;
  /** The bike the customer named to the assistant (its label), when known. */
  bike?: string;
  language: string;
}

/** The header's labels per language; staff tools read the header back with them (`src/staff`). */
export const TRANSCRIPT_HEADINGS: Readonly<Record<string, { title: string; customer: string; page: string; bike: string }>> = {
  es: { title: 'Conversación previa', customer: 'Cliente', page: 'Página', bike: 'Moto' },
  en: { title: 'Conversation so far', customer: 'Customer', page: 'Page', bike: 'Bike' },
  pt: { title: 'Conversa até agora', customer: 'Cliente', page: 'Página', bike: 'Moto' },
  fr: { title: 'Conversation jusqu’ici', customer: 'Client', page: 'Page', bike: 'Moto' },
};
const HEADINGS = TRANSCRIPT_HEADINGS;

/**
 * The conversation so far as one plain-text message for staff: who the customer is, where they
 * were, and every message (customer and assistant) with its time. Plain text: staff clients of
 * any kind show it as it is.
 * @example formatTranscript({ storeName: 'Repuestos Motos', customerId: 'anon_1', messages, names: { asistente: 'Asistente' }, language: 'es' })
 */
export function formatTranscript(input: TranscriptInput): string {
  const heading = HEADINGS[input.language] ?? HEADINGS.es!;
  const lines = input.messages
    .filter((message) => !message.deleted)
    .map((message) => {
      const time = new Date(message.createdAt).toISOString().slice(11, 16);
      const who = input.names[message.senderId] ?? message.senderId;
      const files = message.content.attachments.map((file) => ` [📎 ${file.name}]`).join('');
      return `[${time}] ${who}: ${message.content.text}${files}`;
    });
  const header = [`${heading.title} — ${input.storeName}`, `${heading.customer}: ${input.customerId}`, ...(input.page ? [`${heading.page}: ${input.page}`] : []), ...(input.bike ? [`${heading.bike}: ${input.bike.replace(/\s+/g, ' ').slice(0, 200)}`] : [])];
  let body = lines.join('\n');
  if (body.length > MAX_TRANSCRIPT) body = `…${body.slice(body.length - MAX_TRANSCRIPT)}`;
  return `${header.join('\n')}\n\n${body}`;
}
