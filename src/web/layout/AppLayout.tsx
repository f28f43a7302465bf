import { Box, Container } from '@mantine/core';
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigation } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageLoader } from '../components/PageLoader.tsx';
import { PageSkeleton } from '../components/PageSkeleton.tsx';
import { adoptPersonLanguage } from '../i18n/index.ts';
import { useSession } from '../lib/session.ts';
import { focusMain, MAIN_ID, useRefocusAfterBusy } from './focus.ts';
import { SiteFooter } from './SiteFooter.tsx';
import { SiteHeader } from './SiteHeader.tsx';

/**
 * The frame of every page: skip link, header, the page in <main>, footer. Pages load their code
 * when first shown (router.tsx); meanwhile <main> holds a skeleton: `pageLoading` on the first
 * load, the router's "loading" state on a later navigation (no route has a loader, so "loading"
 * means a page's code is on its way).
 */
export function AppLayout({ pageLoading = false }: { pageLoading?: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigating = useNavigation().state === 'loading';
  const person = session.data?.person;

  useEffect(() => {
    if (person) adoptPersonLanguage(person.language);
  }, [person]);
  useFocusOnNavigation();
  useRefocusAfterBusy();

  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusMain();
  };

  return (
    <Box mih="100vh" style={{ display: 'flex', flexDirection: 'column' }}>
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skip}>
        {t('layout.skipToContent')}
      </a>
      <SiteHeader session={session.data} />
      <Container component="main" id={MAIN_ID} tabIndex={-1} size="lg" py="xl" w="100%">
        {session.isPending ? (
          <PageLoader />
        ) : session.isError ? (
          <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />
        ) : pageLoading || navigating ? (
          <PageSkeleton />
        ) : (
          <Outlet />
        )}
      </Container>
      <SiteFooter devMailbox={session.data?.devMailbox ?? false} />
    </Box>
  );
}

/** After moving to another page, focus starts at its content, as after a full page load. */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    focusMain();
    window.scrollTo(0, 0);
  }, [pathname]);
}
