import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import { ApiError } from './api.ts';
import { SESSION_KEY } from './session.ts';

/**
 * A 401 means the session ended (logout elsewhere, deactivation, expiry): re-read the session so
 * the guards send the person to the login page, which brings them back afterwards.
 */
function sessionMayHaveEnded(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
}

/** A 4xx answer will not change on retry; only network trouble and 5xx are retried, once. */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.queryKey[0] !== SESSION_KEY[0]) sessionMayHaveEnded(error);
    },
  }),
  mutationCache: new MutationCache({ onError: (error) => sessionMayHaveEnded(error) }),
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => failureCount < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});

// Answers carry names ordered for the page's language: read them again in the new one.
i18n.on('languageChanged', () => void queryClient.invalidateQueries());
