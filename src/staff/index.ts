// The staff side of live chat: one agent's session with the store's XMPP server, the inbox of
// every conversation the account was invited to, and its UI. Loaded only by staff pages (an
// admin page, or the overlay `showMessagingDashboard()` opens): never on a customer's start-up path.
export { createStaffSession, type StaffSession, type StaffSessionOptions, type StaffSessionState, type StaffSessionStatus } from './staff-session';
export { createStaffInbox, type StaffInbox, type StaffInboxOptions } from './staff-inbox';
export { createInboxModel, claimOf, customerIdOf, CLAIM_PREFIX, type InboxModel, type InboxConversation, type InboxMessage, type MessageRole, type ConversationStatus } from './inbox-model';
export { parseRoomSubject, closedSubject, CLOSE_PREFIX, type RoomSubject } from './room-subject';
export { transcriptContextOf, type TranscriptContext } from './transcript-context';
export { filterInbox, inFilter, INBOX_FILTERS, type InboxFilter } from './inbox-filter';
export { mountStaffInbox, nickOf, type MountStaffInboxOptions, type MountedStaffInbox, type ComposerAction, type ComposerActionContext } from './ui/mount-staff-inbox';
export { createStaffNotifier, ALERTS_KEY, type StaffNotifier } from './ui/staff-notifier';
export { openStaffInboxOverlay, type StaffInboxOverlay } from './ui/open-staff-inbox-overlay';
