/**
 * The push module's records; they are defined with the database schema in storage (the service
 * worker reads and writes the same ones).
 */
export type {
  NotificationStatus, NotificationSource, NotificationAction, NotificationRecord, ScheduledRecord, QueuedRecord, PushKvRecord,
} from '../../storage';
