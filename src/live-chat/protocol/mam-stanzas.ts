import * as z from 'zod/mini';
import { NS } from './namespaces';
import { parseMessage, type ParseContext, type ParseResult } from './parse-message';
import { childOf, textOf, xml, type XmlElement } from './xml';

// History (XEP-0313 MAM) paged with XEP-0059 RSM: after a gap the client asks for everything
// after the last archive id it has; on first load, for the last page.

export interface ArchiveQuery {
  id: string;
  /** Echoed on every result, so results of another query are never mixed in. */
  queryId: string;
  /** The archive: a room's JID, or absent for our own account's archive. */
  archive?: string;
  /** Only messages exchanged with this JID (own archive). */
  with?: string;
  /** Epoch ms: only messages from then on. */
  start?: number;
  /** Page forward from this archive id (catch-up after a gap). */
  after?: string;
  /** Page backwards from this archive id; `''` asks for the newest page. */
  before?: string;
  /** Page size (the server caps it; Prosody's default cap is 50, the project config allows 1,000). */
  max: number;
}

/** @example buildArchiveQuery({ id: 'q1', queryId: 'q1', archive: room, after: lastArchiveId, max: 100 }) */
export function buildArchiveQuery(query: ArchiveQuery): XmlElement {
  const fields = [
    xml('field', NS.dataForms, { var: 'FORM_TYPE', type: 'hidden' }, [xml('value', NS.dataForms, {}, [NS.mam])]),
    query.with !== undefined && xml('field', NS.dataForms, { var: 'with' }, [xml('value', NS.dataForms, {}, [query.with])]),
    query.start !== undefined && xml('field', NS.dataForms, { var: 'start' }, [xml('value', NS.dataForms, {}, [new Date(query.start).toISOString()])]),
  ];
  const paging = [
    xml('max', NS.rsm, {}, [String(query.max)]),
    query.after !== undefined && xml('after', NS.rsm, {}, [query.after]),
    query.before !== undefined && xml('before', NS.rsm, {}, query.before === '' ? [] : [query.before]),
  ];
  return xml('iq', NS.client, { type: 'set', id: query.id, to: query.archive }, [
    xml('query', NS.mam, { queryid: query.queryId }, [xml('x', NS.dataForms, { type: 'submit' }, fields), xml('set', NS.rsm, {}, paging)]),
  ]);
}

/** The `<result>` of a MAM query, if this message is one. */
export function archiveResultOf(message: XmlElement): XmlElement | undefined {
  return childOf(message, 'result', NS.mam);
}

/**
 * Reads one archived message. The result must come from the archive that was queried (a room, or
 * our own account when `archive` is absent) and carry our query id: anything else is someone
 * trying to slip messages into the history, and is rejected.
 * @example const page = results.map((m) => parseArchivedMessage(m, { now, archive: room, queryId }));
 */
export function parseArchivedMessage(message: XmlElement, context: ParseContext & { archive?: string; queryId: string }): ParseResult & { archiveId?: string } {
  const result = archiveResultOf(message);
  if (!result) return { ok: false, reason: 'not an archive result' };
  const expectedFrom = context.archive ?? context.self;
  const from = message.attrs.from;
  if (from !== undefined && from !== expectedFrom) return { ok: false, reason: `archive result from ${from}, not ${expectedFrom ?? 'our account'}` };
  if (result.attrs.queryid !== context.queryId) return { ok: false, reason: 'archive result of another query' };
  const forwarded = childOf(result, 'forwarded', NS.forward);
  const inner = forwarded && childOf(forwarded, 'message', NS.client);
  if (!inner) return { ok: false, reason: 'archive result without a forwarded message' };
  const stamp = Date.parse(childOf(forwarded, 'delay', NS.delay)?.attrs.stamp ?? '');
  const archiveId = result.attrs.id;
  const parsed = parseMessage(inner, context, { timestamp: Number.isFinite(stamp) ? stamp : undefined, archiveId });
  return parsed.ok ? { ...parsed, archiveId } : parsed;
}

const RsmIdSchema = z.string().check(z.minLength(1), z.maxLength(256));

/** The end of a MAM page: whether the archive has no more in that direction, and the RSM ids. */
export interface ArchiveFin {
  complete: boolean;
  first?: string;
  last?: string;
  count?: number;
}

/** Reads the `<fin>` of a MAM query's iq result; `undefined` when absent or malformed. */
export function parseArchiveFin(iq: XmlElement): ArchiveFin | undefined {
  const fin = childOf(iq, 'fin', NS.mam);
  if (!fin) return undefined;
  const set = childOf(fin, 'set', NS.rsm);
  const first = RsmIdSchema.safeParse(textOf(set && childOf(set, 'first', NS.rsm)));
  const last = RsmIdSchema.safeParse(textOf(set && childOf(set, 'last', NS.rsm)));
  const count = Number(textOf(set && childOf(set, 'count', NS.rsm)));
  return {
    complete: fin.attrs.complete === 'true' || fin.attrs.complete === '1',
    ...(first.success ? { first: first.data } : {}),
    ...(last.success ? { last: last.data } : {}),
    ...(Number.isInteger(count) && count >= 0 ? { count } : {}),
  };
}
