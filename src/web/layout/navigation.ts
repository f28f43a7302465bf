import type { Session } from '../lib/session.ts';

export type NavItem = { to: string; labelKey: 'nav.login' | 'nav.register' | 'nav.contactUs' | 'nav.knowledgeBase' | 'nav.portalHelp' | 'nav.myCases' | 'nav.createCase' };

const visitorItems: NavItem[] = [
  { to: '/login', labelKey: 'nav.login' },
  { to: '/register', labelKey: 'nav.register' },
  { to: '/contact-us', labelKey: 'nav.contactUs' },
  { to: '/kb', labelKey: 'nav.knowledgeBase' },
  { to: '/help', labelKey: 'nav.portalHelp' },
];

const signedInItems: NavItem[] = [
  { to: '/my-cases', labelKey: 'nav.myCases' },
  { to: '/create-case', labelKey: 'nav.createCase' },
  { to: '/kb', labelKey: 'nav.knowledgeBase' },
  { to: '/help', labelKey: 'nav.portalHelp' },
  { to: '/contact-us', labelKey: 'nav.contactUs' },
];

/** The main menu: the guide's visitor menu, or the signed-in one once the sign-in is complete. */
export function navItemsFor(session: Session | undefined): NavItem[] {
  return session?.stage === 'active' ? signedInItems : visitorItems;
}
