import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api.ts';

export const ARTICLE_LANGUAGES = ['en', 'ja'] as const;
export const ARTICLE_VISIBILITIES = ['public', 'customers', 'internal'] as const;
export const ARTICLE_STATES = ['draft', 'published', 'retired'] as const;
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];
export type ArticleVisibility = (typeof ARTICLE_VISIBILITIES)[number];
export type ArticleState = (typeof ARTICLE_STATES)[number];

/** The server's limits (knowledge.schemas.ts). */
export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;

/** A part of a search snippet; `match` parts are what the search found. */
export type SnippetPart = { text: string; match: boolean };

/** One hit of GET /api/kb/search. */
export type SearchHit = {
  number: string;
  title: string;
  language: ArticleLanguage;
  visibility: ArticleVisibility;
  state: ArticleState;
  products: string[];
  titleMatch: boolean;
  snippet: SnippetPart[];
};

export type SearchParams = { q: string; productId?: number; language?: ArticleLanguage; limit?: number };

/** GET /api/kb/articles/:number. `stats` only for staff, `myVote` only for contacts. */
export type Article = {
  number: string;
  title: string;
  body: string;
  language: ArticleLanguage;
  visibility: ArticleVisibility;
  state: ArticleState;
  products: { id: number; name: string }[];
  updatedAt: number;
  publishedAt: number | null;
  stats: { views: number; helpful: number; notHelpful: number } | null;
  myVote: boolean | null;
};

/** The body of POST /api/kb/articles and PATCH /api/kb/articles/:number. */
export type ArticleInput = {
  title: string;
  body: string;
  language: ArticleLanguage;
  visibility: ArticleVisibility;
  state: ArticleState;
  productIds: number[];
};

/** A product the knowledge base can be filtered by. */
export type CatalogueProduct = { id: number; name: string };

/** Active products whose name contains the text, for the "Product" filter; open to visitors too. */
export function useCatalogue(text: string) {
  return useQuery({
    queryKey: ['kb', 'products', text],
    queryFn: ({ signal }) => api.get<{ items: CatalogueProduct[] }>(withQuery('/api/kb/products', { q: text, limit: 50 }), signal),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

const articleKey = (number: string) => ['kb', 'article', number] as const;
const articlePath = (number: string) => `/api/kb/articles/${encodeURIComponent(number)}`;

/**
 * Titles and bodies in Japanese and English, best match first; the previous results stay shown while
 * new ones load. An answer is not kept once its search is left (gcTime 0): searching the same words
 * again asks the server, which knows of articles imported or published meanwhile.
 */
export function useKnowledgeSearch(params: SearchParams, enabled = true) {
  return useQuery({
    queryKey: ['kb', 'search', params],
    queryFn: ({ signal }) => api.get<{ items: SearchHit[] }>(withQuery('/api/kb/search', params), signal),
    placeholderData: keepPreviousData,
    gcTime: 0,
    enabled,
  });
}

export function useArticle(number: string, enabled = true) {
  return useQuery({
    queryKey: articleKey(number),
    queryFn: ({ signal }) => api.get<Article>(articlePath(number), signal),
    enabled,
  });
}

/** Writes a new article, or edits `number`; afterwards every search and the article are read again. */
export function useSaveArticle(number: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ArticleInput) =>
      number ? api.patch<{ number: string }>(articlePath(number), input) : api.post<{ number: string }>('/api/kb/articles', input),
    onSuccess: (saved) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['kb', 'search'] }),
        queryClient.invalidateQueries({ queryKey: articleKey(saved.number) }),
      ]),
  });
}

/** "Was this article helpful?" (contacts). */
export function useVote(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (helpful: boolean) => api.post<{ number: string }>(`${articlePath(number)}/vote`, { helpful }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: articleKey(number) }),
  });
}
