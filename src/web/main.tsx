import './mantine-styles.ts';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { startI18n } from './i18n/index.ts';
import { queryClient } from './lib/queryClient.ts';
import { sessionQuery } from './lib/session.ts';
import { router } from './router.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Every page first asks who is signed in: asked now, alongside the page's code and the strings,
// not after the first render (issue 22: a round trip less before the page shows).
void queryClient.prefetchQuery(sessionQuery);
// The first render waits for the viewer's language (one small chunk, fetched while the router
// fetches the page's code), so a Japanese page never shows English first.
await startI18n();
// Rendered as a transition, so React yields to the browser every few milliseconds instead of
// holding a phone's main thread for the whole first page (issue 22: Total Blocking Time).
const reactRoot = createRoot(root);
startTransition(() => reactRoot.render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
));
