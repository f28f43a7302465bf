import { useEffect, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { forgetReturnTo, pageForStage, rememberReturnTo, useSession, type Stage } from '../lib/session.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { PageLoader } from './PageLoader.tsx';

type Props = { allow: readonly Stage[]; children: ReactNode };

/**
 * Shows its page only at the sign-in stages it allows; any other stage goes to that stage's page.
 * Loaded directly, /login/verify with no sign-in under way goes to /login, for example. After each
 * sign-in step the session is re-read, and this gate moves the person on.
 */
export function StageGate({ allow, children }: Props) {
  const session = useSession();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />;
  const { stage } = session.data;
  if (allow.includes(stage)) return <>{children}</>;
  return <GoToStage stage={stage} />;
}

/** Sends the person to the page for their stage; reaching `active` uses up the remembered page. */
function GoToStage({ stage }: { stage: Stage }) {
  const target = pageForStage(stage);
  useEffect(() => {
    if (stage === 'active') forgetReturnTo();
  }, [stage]);
  return <Navigate to={target} replace />;
}

/** Protected pages: a visitor goes to the login page, which brings them back here afterwards. */
export function RequireActive() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />;
  if (session.data.stage === 'active') return <Outlet />;
  // Idempotent, so writing it while rendering is safe; the sign-in pages read it at the end.
  rememberReturnTo(`${location.pathname}${location.search}${location.hash}`);
  return <Navigate to={pageForStage(session.data.stage)} replace />;
}
