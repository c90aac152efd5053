import * as z from 'zod/mini';
import { NS } from './namespaces';
import { childOf, childrenOf, textOf, xml, type XmlElement } from './xml';

// Rooms (XEP-0045): joining, creating one members-only persistent room per conversation, and
// inviting staff through the room (a mediated invitation makes the invitee a member).

/**
 * Presence that joins `room` as `nick`, asking for no live history: the archive (MAM) is the one
 * source of history, so a rejoin never replays messages twice.
 * @example buildJoinPresence({ room: 'conv-1@rooms.example', nick: 'cliente', id: 'j1' })
 */
export function buildJoinPresence(input: { room: string; nick: string; id: string }): XmlElement {
  return xml('presence', NS.client, { to: `${input.room}/${input.nick}`, id: input.id }, [
    xml('x', NS.muc, {}, [xml('history', NS.muc, { maxstanzas: '0' })]),
  ]);
}

/** Leaves a room. */
export function buildLeavePresence(input: { room: string; nick: string; id: string }): XmlElement {
  return xml('presence', NS.client, { to: `${input.room}/${input.nick}`, id: input.id, type: 'unavailable' });
}

/** XEP-0045 mediated invitation, sent to the room, which forwards it (and stores it if `to` is offline). */
export function buildInvite(input: { room: string; to: string; id: string; reason?: string }): XmlElement {
  return xml('message', NS.client, { to: input.room, id: input.id }, [
    xml('x', NS.mucUser, {}, [xml('invite', NS.mucUser, { to: input.to }, [input.reason !== undefined && xml('reason', NS.mucUser, {}, [input.reason])])]),
  ]);
}

/** Asks the room for its configuration form (owners only). */
export function buildRoomConfigRequest(input: { room: string; id: string }): XmlElement {
  return xml('iq', NS.client, { to: input.room, type: 'get', id: input.id }, [xml('query', NS.mucOwner)]);
}

/** What a conversation room must be: members-only, persistent, hidden, archived; its subject settable by members. */
export const CONVERSATION_ROOM_CONFIG: Readonly<Record<string, string>> = {
  'muc#roomconfig_membersonly': '1',
  'muc#roomconfig_persistentroom': '1',
  'muc#roomconfig_publicroom': '0',
  'muc#roomconfig_enablearchiving': '1',
  'muc#roomconfig_allowinvites': '1',
  // Staff (members) claim a conversation through the room subject.
  'muc#roomconfig_changesubject': '1',
};

/**
 * Submits the room configuration: the fields of {@link CONVERSATION_ROOM_CONFIG} (and a name)
 * that the server's form offers; a field the form lacks is left out rather than sent blind.
 */
export function buildRoomConfigSubmit(input: { room: string; id: string; offered: ReadonlySet<string>; name?: string }): XmlElement {
  const values: Record<string, string> = { ...CONVERSATION_ROOM_CONFIG, ...(input.name !== undefined ? { 'muc#roomconfig_roomname': input.name } : {}) };
  const fields = Object.entries(values)
    .filter(([name]) => input.offered.has(name))
    .map(([name, value]) => xml('field', NS.dataForms, { var: name }, [xml('value', NS.dataForms, {}, [value])]));
  return xml('iq', NS.client, { to: input.room, type: 'set', id: input.id }, [
    xml('query', NS.mucOwner, {}, [
      xml('x', NS.dataForms, { type: 'submit' }, [
        xml('field', NS.dataForms, { var: 'FORM_TYPE', type: 'hidden' }, [xml('value', NS.dataForms, {}, [NS.roomConfig])]),
        ...fields,
      ]),
    ]),
  ]);
}

/** The field names of a data form inside an iq result (`<query><x type='form'>`). */
export function parseFormFields(iq: XmlElement): Set<string> {
  const query = iq.children.find((c): c is XmlElement => typeof c !== 'string');
  const form = query && childOf(query, 'x', NS.dataForms);
  return new Set(form ? childrenOf(form, NS.dataForms, 'field').map((f) => f.attrs.var ?? '').filter(Boolean) : []);
}

const StatusCodeSchema = z.string().check(z.regex(/^\d{3}$/));

/** What a room said about one of our joins. */
export interface JoinOutcome {
  /** Status 110: this presence is about us. */
  self: boolean;
  /** Status 201: the join created the room (it waits for its configuration). */
  created: boolean;
  /** The room refused the join (e.g. `registration-required` for a members-only room). */
  error?: string;
}

/**
 * Reads a presence from a room: our own join (status 110, 201 when it created the room) or the
 * room's refusal. Other occupants' presences give `self: false`.
 */
export function parseJoinPresence(presence: XmlElement): JoinOutcome {
  if (presence.attrs.type === 'error') {
    const error = childOf(presence, 'error', NS.client);
    const condition = error?.children.find((c): c is XmlElement => typeof c !== 'string' && c.ns === NS.stanzas && c.name !== 'text');
    return { self: true, created: false, error: condition?.name ?? 'undefined-condition' };
  }
  const x = childOf(presence, 'x', NS.mucUser);
  const codes = new Set((x ? childrenOf(x, NS.mucUser, 'status') : []).map((s) => s.attrs.code ?? '').filter((c) => StatusCodeSchema.safeParse(c).success));
  return { self: codes.has('110'), created: codes.has('201') };
}

/** The subject text of a room's subject message, when it is one. */
export function subjectOf(message: XmlElement): string | undefined {
  return textOf(childOf(message, 'subject', NS.client));
}
