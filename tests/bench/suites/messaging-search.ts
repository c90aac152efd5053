import MiniSearch from 'minisearch';
import { createBackground } from '../../../src/core/background';
import { systemClock } from '../../../src/core/clock';
import { parseConfig } from '../../../src/core/config';
import { createTabChannel } from '../../../src/core/tabs';
import { createMessaging, type MessagingSystem } from '../../../src/messaging';
import { createSearchIndex } from '../../../src/messaging/search-index';
import { normalizeText } from '../../../src/messaging/text';
import { createStorage, type ChatbotStorage } from '../../../src/storage';
import { deleteDatabase, median, percentile } from '../measure';
import type { BenchRow } from '../types';

const PARTS = [
  'pastillas de freno', 'bujía', 'filtro de aceite', 'filtro de aire', 'kit de arrastre', 'cadena', 'piñón', 'corona',
  'llanta trasera', 'neumático delantero', 'amortiguador', 'batería', 'farola', 'direccional', 'espejo retrovisor',
  'guaya del clutch', 'disco de freno', 'manigueta', 'carburador', 'empaque de culata', 'rodamiento', 'retenedor',
  'bombillo', 'regulador de voltaje', 'motor de arranque', 'clutch', 'tensor de cadena', 'sillín', 'manubrio',
  'pedal de cambios', 'aceite 20W50', 'radiador', 'termostato', 'velocímetro', 'tanque de gasolina', 'guardabarros',
  'exosto', 'bobina de encendido', 'CDI', 'estator', 'pistón', 'anillos', 'biela', 'cigüeñal', 'válvulas', 'balancín',
  'árbol de levas', 'bomba de aceite', 'cárter', 'kit de empaques', 'zapatas', 'bandas de freno', 'líquido de frenos',
  'casco certificado', 'guantes', 'impermeable', 'candado de disco', 'soporte de celular', 'maletero', 'defensa',
];
const BIKES = [
  'Boxer CT100', 'Pulsar NS200', 'Pulsar 180', 'FZ 2.0', 'FZ 250', 'CB 190R', 'NKD 125', 'GN 125', 'XR150L',
  'Apache RTR 160', 'AKT 125', 'Discover 125', 'XTZ 125', 'DT 125', 'Best 125', 'Eco Deluxe', 'Splendor', 'Dominar 400',
  'MT-03', 'Duke 200', 'Wave 110', 'Viva R', 'Sport 100', 'TTR 200', 'Agility 125',
];
const CITIES = [
  'Bogotá', 'Medellín', 'Cali', 'Barranquilla', 'Bucaramanga', 'Pereira', 'Manizales', 'Cúcuta', 'Ibagué', 'Pasto',
  'Villavicencio', 'Montería', 'Neiva', 'Santa Marta', 'Cartagena', 'Tunja', 'Armenia', 'Popayán', 'Sincelejo', 'Valledupar',
];
const NAMES = ['juan', 'ana', 'carlos', 'luisa', 'andrés', 'maría', 'jorge', 'camila', 'felipe', 'valentina', 'sebastián', 'daniela'];
const CARRIERS = ['Servientrega', 'Interrapidísimo', 'Coordinadora', 'Envía', 'TCC', 'Deprisa'];
const PAYMENTS = ['Nequi', 'Daviplata', 'PSE', 'tarjeta de crédito', 'Bancolombia', 'contraentrega', 'Efecty'];
const ADJECTIVES = ['original', 'genérico', 'reforzado', 'importado', 'nuevo', 'usado', 'económico', 'de alto rendimiento', 'homologado'];

type Pick = <T>(list: readonly T[]) => T;

const TEMPLATES: Array<(p: Pick, n: (max: number) => number) => string> = [
  (p) => `¿Tienen ${p(PARTS)} para la ${p(BIKES)}?`,
  (p, n) => `Buenos días, necesito ${p(PARTS)} ${p(ADJECTIVES)} para mi ${p(BIKES)} modelo ${2010 + n(15)}`,
  (p, n) => `El pedido #${10000 + n(90000)} ya salió de bodega, llega a ${p(CITIES)} en ${1 + n(6)} días hábiles`,
  (p, n) => `Hola ${p(NAMES)}, el envío a ${p(CITIES)} cuesta ${5 + n(20)} mil pesos por ${p(CARRIERS)}`,
  (p) => `¿Cuánto vale ${p(PARTS)} y ${p(PARTS)}? Es para una ${p(BIKES)}`,
  (p, n) => `Ya pagué por ${p(PAYMENTS)} el pedido ${10000 + n(90000)}, quedo atento a la guía`,
  (p, n) => `La guía de ${p(CARRIERS)} es ${700000000 + n(99999999)}, puede rastrearla en la página`,
  (p) => `No me llegó ${p(PARTS)}, me llegó ${p(PARTS)} que no le sirve a la ${p(BIKES)}`,
  (p, n) => `Tenemos ${p(PARTS)} ${p(ADJECTIVES)} en stock, precio ${20 + n(400)} mil con IVA incluido`,
  (p) => `¿Hacen envíos contraentrega a ${p(CITIES)}? Necesito ${p(PARTS)} urgente`,
  (p) => `Quiero cambiar ${p(PARTS)} porque vino defectuoso, ¿cómo hago la garantía?`,
  (p, n) => `@${p(NAMES)} revisa el pedido ${10000 + n(90000)} por favor, el cliente pregunta por el envío a ${p(CITIES)}`,
  (p) => `Gracias, me sirvió perfecto ${p(PARTS)} en la ${p(BIKES)}, excelente servicio`,
  (p) => `¿El ${p(PARTS)} de la ${p(BIKES)} le sirve a la ${p(BIKES)}?`,
  (p, n) => `Su pedido con ${p(PARTS)} y ${p(PARTS)} fue despachado hoy por ${p(CARRIERS)}, llega en ${1 + n(5)} días`,
  (p) => `Buenas tardes, ¿a qué hora abren el sábado? Voy a recoger ${p(PARTS)} en la tienda de ${p(CITIES)}`,
  (p) => `El mecánico dice que toca cambiar ${p(PARTS)}, ${p(PARTS)} y revisar ${p(PARTS)}`,
  (p) => `¿Aceptan ${p(PAYMENTS)}? Quiero llevar ${p(PARTS)} ${p(ADJECTIVES)}`,
];

/** `count` messages of realistic text, the same on every run. */
function generateTexts(count: number, seed = 42): string[] {
  let state = seed >>> 0;
  const random = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const n = (max: number): number => Math.floor(random() * max);
  const pick: Pick = (list) => list[n(list.length)]!;
  return Array.from({ length: count }, () => pick(TEMPLATES)(pick, n));
}

/** 200 queries as people type them: half one word, half two; the last word often cut short. */
function generateQueries(texts: readonly string[], count = 200, seed = 7): string[] {
  let state = seed;
  const n = (max: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % max;
  };
  const queries: string[] = [];
  while (queries.length < count) {
    const words = (texts[n(texts.length)]!.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 && !/^\d+$/.test(w));
    if (words.length < 2) continue;
    const cut = (word: string): string => (n(2) === 0 ? word : word.slice(0, 3 + n(Math.max(1, word.length - 2))));
    if (queries.length % 2 === 0) queries.push(cut(words[n(words.length)]!).toLowerCase());
    else {
      const first = words[n(words.length)]!;
      const second = words.filter((w) => w !== first)[n(words.length - 1)] ?? words[0]!;
      queries.push(`${first} ${cut(second)}`.toLowerCase());
    }
  }
  return queries;
}

const START = Date.UTC(2025, 0, 1);
const CHURN = 20_000;
const CONVERSATIONS = 200;

function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** Writes `texts.length` messages in 200 conversations straight into a database with the real schema. */
async function populate(dbName: string, texts: readonly string[]): Promise<void> {
  const storage = createStorage({ dbName });
  await storage.ready;
  await storage.close();
  const db = await openRaw(dbName);
  const conversations = db.transaction('conversations', 'readwrite');
  for (let c = 0; c < CONVERSATIONS; c++) {
    conversations.objectStore('conversations').put({
      id: `conv_${c}`, type: 'direct', name: `Cliente ${c}`, participants: ['asesor', `cliente_${c}`], createdBy: `cliente_${c}`,
      createdAt: START, updatedAt: START, pinned: false, muted: false, archived: false,
    });
  }
  await done(conversations);
  // Several transactions of 20,000: one huge transaction holds every value in memory at once.
  for (let from = 0; from < texts.length; from += 20_000) {
    const tx = db.transaction('messages', 'readwrite');
    const store = tx.objectStore('messages');
    for (let i = from; i < Math.min(texts.length, from + 20_000); i++) {
      const createdAt = START + i * 1000;
      const c = i % CONVERSATIONS;
      store.put({
        id: `msg_${createdAt.toString(36).padStart(9, '0')}${i.toString(36).padStart(4, '0')}aaaaaaaa`,
        conversationId: `conv_${c}`, senderId: i % 3 === 0 ? 'asesor' : `cliente_${c}`, type: 'text',
        content: { text: texts[i], attachments: [] }, replyTo: null, threadId: null, mentions: [], createdAt,
        editedAt: null, edits: [], deleted: false, deletedAt: null,
      });
    }
    await done(tx);
  }
  db.close();
}

/** The raw equivalent of a cold start: open the database, read every message. */
async function rawGetAll(dbName: string): Promise<{ ms: number; longest: number }> {
  const tasks = watchLongTasks();
  const start = performance.now();
  const db = await openRaw(dbName);
  await new Promise((resolve, reject) => {
    const request = db.transaction('messages').objectStore('messages').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const ms = performance.now() - start;
  db.close();
  return { ms, longest: await tasks() };
}

interface Opened { messaging: MessagingSystem; storage: ChatbotStorage; close(): Promise<void> }

/**
 * `searchNow`: search right after ready (forcing the rest of the index at once) to time "ready to
 * search"; without it, wait for the background index and report the longest task of it all.
 */
async function coldStart(dbName: string, searchNow: boolean): Promise<{ ms: number; searchable: number; longest: number; opened: Opened }> {
  const tasks = watchLongTasks();
  const start = performance.now();
  const channel = createTabChannel(`${dbName}-channel`);
  const storage = createStorage({ dbName, channel });
  const messaging = createMessaging({
    clock: systemClock, channel, config: parseConfig({}), section: { currentUser: 'asesor' }, reportError: (error) => console.warn(error), background: createBackground({ report: (error) => console.warn(error) }).run, storage,
  });
  await messaging.ready;
  const ms = performance.now() - start;
  // The index is finished in the background after ready; the first search completes it at once.
  if (searchNow) messaging.searchMessages('pastillas');
  else await new Promise((resolve) => setTimeout(resolve, 1000));
  const searchable = performance.now() - start;
  return {
    ms,
    searchable,
    longest: await tasks(),
    opened: {
      messaging,
      storage,
      async close() {
        messaging.dispose();
        await storage.close();
        channel.close();
      },
    },
  };
}

/** The longest main-thread task while measuring (how long the host page froze at most). */
function watchLongTasks(): () => Promise<number> {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    return longest;
  };
}

function heapUsed(): number {
  const { gc } = globalThis as { gc?: () => void };
  // Twice: V8 frees the buffers of dead typed arrays after a collection, on a concurrent sweeper
  // that the next collection waits for; after one gc() the figure can still count garbage buffers
  // (several MB of them for the search index, left behind as its typed arrays grew).
  gc?.();
  gc?.();
  return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
}

// performance.now() is coarse (0.1 ms) outside cross-origin isolation: fast queries run 10 times.
function timeQueries(queries: readonly string[], run: (query: string) => unknown, REPEAT = 10): number[] {
  for (const query of queries.slice(0, 20)) run(query); // warm-up
  return queries.map((query) => {
    const start = performance.now();
    for (let i = 0; i < REPEAT; i++) run(query);
    return (performance.now() - start) / REPEAT;
  });
}

async function coldStartRows(count: number, texts: readonly string[]): Promise<{ rows: BenchRow[]; opened: Opened; dbName: string }> {
  const dbName = `bench-msg-cold-${count}-${Math.random()}`;
  await populate(dbName, texts.slice(0, count));
  const raws: number[] = [];
  const ours: number[] = [];
  const searchables: number[] = [];
  const rawTasks: number[] = [];
  const ourTasks: number[] = [];
  // Warm-up (JIT, IndexedDB caches), not counted.
  await rawGetAll(dbName);
  let opened: Opened | undefined = (await coldStart(dbName, true)).opened;
  for (let run = 0; run < 3; run++) {
    const raw = await rawGetAll(dbName);
    raws.push(raw.ms);
    rawTasks.push(raw.longest);
    await opened?.close();
    const cold = await coldStart(dbName, true);
    ours.push(cold.ms);
    searchables.push(cold.searchable);
    await cold.opened.close();
    const calm = await coldStart(dbName, false);
    ourTasks.push(calm.longest);
    opened = calm.opened;
  }
  const raw = median(raws);
  const our = median(ours);
  const searchable = median(searchables);
  const rawLongest = median(rawTasks);
  const ourLongest = median(ourTasks);
  const label = count.toLocaleString('en-US');
  return {
    opened: opened!,
    dbName,
    rows: [
      {
        figure: `messaging: cold start (ready) with ${label} stored messages`,
        value: Math.round(our),
        unit: 'ms',
        baseline: { label: `raw IndexedDB open + getAll of the same ${label} records`, value: Math.round(raw) },
        ratio: our / raw,
        goal: '≤ 1.5× raw',
        pass: our / raw <= 1.5,
      },
      {
        figure: `messaging: cold start until the first search is answered (${label}, search index complete)`,
        value: Math.round(searchable),
        unit: 'ms',
        baseline: { label: 'raw IndexedDB open + getAll', value: Math.round(raw) },
        ratio: searchable / raw,
      },
      {
        figure: `messaging: longest main-thread task from start until the background index is done (${label}, median of 3)`,
        value: Math.round(ourLongest),
        unit: 'ms',
        baseline: { label: 'longest task of the raw getAll', value: Math.round(rawLongest) },
        ratio: rawLongest > 0 ? ourLongest / rawLongest : 0,
        goal: 'page never frozen: ≤ 100 ms',
        pass: ourLongest <= 100,
      },
    ],
  };
}

export default async function messagingSearchSuite(): Promise<BenchRow[]> {
  const texts = generateTexts(100_000);
  const rows: BenchRow[] = [];
  const small = await coldStartRows(10_000, texts);
  rows.push(...small.rows);
  await small.opened.close();
  await deleteDatabase(small.dbName);
  const big = await coldStartRows(100_000, texts);
  rows.push(...big.rows);
  const { messaging } = big.opened;

  const queries = generateQueries(texts);
  const ours = timeQueries(queries, (query) => messaging.searchMessages(query));

  const heapBeforeMini = heapUsed();
  const buildStart = performance.now();
  const mini = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: (text) => text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [],
    processTerm: (term) => normalizeText(term),
  });
  mini.addAll(texts.map((text, id) => ({ id, text })));
  const miniBuild = performance.now() - buildStart;
  const miniBytes = heapUsed() - heapBeforeMini;
  const miniOptions = { prefix: (_term: string, i: number, terms: string[]) => i === terms.length - 1, combineWith: 'AND' as const };
  const theirs = timeQueries(queries, (query) => mini.search(query, miniOptions), 1);

  // Same answers: both find the same number of messages for every query (we rank by time, MiniSearch by score).
  let agree = 0;
  for (const query of queries) {
    if (messaging.searchMessages(query, { limit: 1000 }).length === Math.min(1000, mini.search(query, miniOptions).length)) agree++;
  }

  const heapBeforeOurs = heapUsed();
  const buildOurs = performance.now();
  const standalone = createSearchIndex();
  texts.forEach((text, i) => standalone.add(`m${i}`, text, i, `c${i % CONVERSATIONS}`, 'u'));
  const ourBuild = performance.now() - buildOurs;
  const ourBytes = heapUsed() - heapBeforeOurs;
  const estimate = messaging.getSearchIndexStats();

  const fresh = timeQueries(queries, (query) => standalone.search(query, {}));
  // Edits re-add a message with another text, deletes remove it: memory must follow what is live.
  // Compared by the index's own estimate: a heap difference this small drowns in what the rest of
  // the page (100,000 loaded messages) frees meanwhile.
  const beforeChurn = standalone.stats();
  const churnStart = performance.now();
  for (let i = 0; i < CHURN; i++) {
    const k = (i * 7919) % texts.length;
    if (i % 4 === 0) standalone.remove(`m${k}`);
    else standalone.add(`m${k}`, texts[(k + 1) % texts.length]!, k, `c${k % CONVERSATIONS}`, 'u');
  }
  const churnMs = performance.now() - churnStart;
  const afterChurn = standalone.stats();
  const churned = timeQueries(queries, (query) => standalone.search(query, {}));

  const p50 = median(ours);
  const p95 = percentile(ours, 95);
  const miniP50 = median(theirs);
  const miniP95 = percentile(theirs, 95);
  rows.push(
    {
      figure: 'messaging: search p50 over 100,000 messages (200 one- and two-word queries, newest 50)',
      value: Number(p50.toFixed(3)),
      unit: 'ms',
      baseline: { label: 'MiniSearch p50, prefix on last term, AND', value: Number(miniP50.toFixed(3)) },
      ratio: miniP50 > 0 ? p50 / miniP50 : 0,
      goal: 'faster than MiniSearch',
      pass: p50 <= miniP50,
    },
    {
      figure: 'messaging: search p95 over 100,000 messages',
      value: Number(p95.toFixed(3)),
      unit: 'ms',
      baseline: { label: 'MiniSearch p95', value: Number(miniP95.toFixed(3)) },
      ratio: miniP95 > 0 ? p95 / miniP95 : 0,
      goal: '≤ 5 ms and faster than MiniSearch',
      pass: p95 <= 5 && p95 <= miniP95,
    },
    {
      figure: `messaging: queries whose result count matches MiniSearch (of ${queries.length})`,
      value: agree,
      unit: 'queries',
      goal: 'all',
      pass: agree === queries.length,
    },
    {
      figure: 'messaging: search index memory, 100,000 messages (measured heap; own estimate in the next row)',
      value: Number((ourBytes / 1024 / 1024).toFixed(1)),
      unit: 'MB',
      baseline: { label: 'MiniSearch heap for the same texts', value: Number((miniBytes / 1024 / 1024).toFixed(1)) },
      ratio: miniBytes > 0 ? ourBytes / miniBytes : 0,
      goal: 'smaller than MiniSearch and ≤ 10 MB',
      pass: ourBytes <= miniBytes && ourBytes <= 10 * 1024 * 1024,
    },
    {
      figure: `messaging: search index estimate (${estimate.tokens.toLocaleString('en-US')} tokens, ${estimate.postings.toLocaleString('en-US')} postings)`,
      value: Number((estimate.bytes / 1024 / 1024).toFixed(1)),
      unit: 'MB',
    },
    {
      figure: `messaging: search index estimate after ${CHURN.toLocaleString('en-US')} edits and deletes (${afterChurn.slots.toLocaleString('en-US')} doc slots for ${afterChurn.documents.toLocaleString('en-US')} messages)`,
      value: Number((afterChurn.bytes / 1024 / 1024).toFixed(1)),
      unit: 'MB',
      baseline: { label: 'the same index before them', value: Number((beforeChurn.bytes / 1024 / 1024).toFixed(1)) },
      ratio: afterChurn.bytes / beforeChurn.bytes,
      goal: '≤ 1.35× (retired entries are compacted)',
      pass: afterChurn.bytes <= beforeChurn.bytes * 1.35,
    },
    {
      figure: `messaging: search p95 after ${CHURN.toLocaleString('en-US')} edits and deletes (standalone index)`,
      value: Number(percentile(churned, 95).toFixed(3)),
      unit: 'ms',
      baseline: { label: 'the same index before them', value: Number(percentile(fresh, 95).toFixed(3)) },
    },
    {
      figure: `messaging: ${CHURN.toLocaleString('en-US')} edits and deletes on the ${texts.length.toLocaleString('en-US')}-message index`,
      value: Math.round(churnMs),
      unit: 'ms',
    },
    {
      figure: 'messaging: search index build, 100,000 messages',
      value: Math.round(ourBuild),
      unit: 'ms',
      baseline: { label: 'MiniSearch addAll', value: Math.round(miniBuild) },
      ratio: ourBuild / miniBuild,
      goal: 'faster than MiniSearch',
      pass: ourBuild <= miniBuild,
    },
  );
  await big.opened.close();
  await deleteDatabase(big.dbName);
  return rows;
}
