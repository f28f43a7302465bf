import { DashboardScreen } from '../components/DashboardScreen.tsx';

/** "Dashboard": the account administrator's figures of their own account. */
export function DashboardPage() {
  return <DashboardScreen intro="introAccount" />;
}
