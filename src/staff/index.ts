// The staff side of live chat: one agent's session with the store's XMPP server, the inbox of
// every conversation the account was invited to, and its UI. Loaded only by staff pages (an
// admin page, or the overlay `showMessagingDashboard()` opens): never on a customer's start-up path.
export { createStaffSession, type StaffSession, type StaffSessionOptions, type StaffSessionState, type StaffSessionStatus } from './staff-session';
export { createStaffInbox, type StaffInbox, type StaffInboxOptions } from './staff-inbox';
export { createInboxModel, claimOf, customerIdOf, CLAIM_PREFIX, type InboxModel, type InboxConversation, type InboxMessage, type MessageRole } from './inbox-model';
export { mountStaffInbox, type MountStaffInboxOptions, type MountedStaffInbox } from './ui/mount-staff-inbox';
export { openStaffInboxOverlay, type StaffInboxOverlay } from './ui/open-staff-inbox-overlay';
