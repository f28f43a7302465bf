import { isAccountAdmin, isAdmin, isStaff, type Session } from '../lib/session.ts';

export type NavItem = {
  to: string;
  labelKey: 'nav.login' | 'nav.register' | 'nav.contactUs' | 'nav.knowledgeBase' | 'nav.portalHelp' | 'nav.myCases' | 'nav.createCase' | 'nav.surveys' | 'nav.queue' | 'nav.administration' | 'nav.dashboard';
};

const visitorItems: NavItem[] = [
  { to: '/login', labelKey: 'nav.login' },
  { to: '/register', labelKey: 'nav.register' },
  { to: '/contact-us', labelKey: 'nav.contactUs' },
  { to: '/kb', labelKey: 'nav.knowledgeBase' },
  { to: '/help', labelKey: 'nav.portalHelp' },
];

const contactItems: NavItem[] = [
  { to: '/my-cases', labelKey: 'nav.myCases' },
  { to: '/create-case', labelKey: 'nav.createCase' },
  { to: '/surveys', labelKey: 'nav.surveys' },
  { to: '/kb', labelKey: 'nav.knowledgeBase' },
  { to: '/help', labelKey: 'nav.portalHelp' },
  { to: '/contact-us', labelKey: 'nav.contactUs' },
];

/** Vendor staff work the queue instead of having cases of their own. */
const staffItems: NavItem[] = [
  { to: '/queue', labelKey: 'nav.queue' },
  { to: '/kb', labelKey: 'nav.knowledgeBase' },
  { to: '/help', labelKey: 'nav.portalHelp' },
  { to: '/contact-us', labelKey: 'nav.contactUs' },
];

/** Administrators also reach the pages where accounts, staff and products are managed. */
const adminItems: NavItem[] = [staffItems[0]!, { to: '/admin', labelKey: 'nav.administration' }, ...staffItems.slice(1)];

/** The main menu: the guide's visitor menu, or the signed-in one once the sign-in is complete. */
export function navItemsFor(session: Session | undefined): NavItem[] {
  if (session?.stage !== 'active') return visitorItems;
  if (isAdmin(session.person)) return adminItems;
  if (isStaff(session.person)) return staffItems;
  // The account's administrators also see the account's figures, after the cases they work with.
  return isAccountAdmin(session.person) ? [...contactItems.slice(0, 3), { to: '/dashboard', labelKey: 'nav.dashboard' }, ...contactItems.slice(3)] : contactItems;
}
