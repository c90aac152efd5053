/** The admin page's sections, in the navigation's order. */
export const ADMIN_SECTIONS = ['inbox', 'analytics', 'backup', 'notifications'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export interface MountedSection {
  /** The section's heading, as shown. */
  readonly label: string;
  /** Leaves the section: its live updates stop and its content goes. */
  dispose(): void;
}
