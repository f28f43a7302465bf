import { z } from 'zod';

export const ARTICLE_LANGUAGES = ['en', 'ja'] as const;
export const ARTICLE_VISIBILITIES = ['public', 'customers', 'internal'] as const;
export const ARTICLE_STATES = ['draft', 'published', 'retired'] as const;
export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;

export const articleNumberParams = z.strictObject({
  number: z.string().trim().toUpperCase().regex(/^KB\d{7}$/, 'An article number looks like KB0000042.'),
});

export const articleBody = z.strictObject({
  title: z.string().trim().min(1, 'Enter a title.').max(TITLE_MAX, `A title has at most ${TITLE_MAX} characters.`),
  body: z.string().max(BODY_MAX, `An article has at most ${BODY_MAX.toLocaleString('en')} characters.`).default(''),
  language: z.enum(ARTICLE_LANGUAGES, { message: 'Choose English or Japanese.' }),
  visibility: z.enum(ARTICLE_VISIBILITIES, { message: 'Choose public, customers or internal.' }),
  state: z.enum(ARTICLE_STATES, { message: 'Choose draft, published or retired.' }).default('draft'),
  productIds: z.array(z.number().int().positive()).max(50).default([]),
});
export const articleUpdateBody = articleBody.partial();

export const catalogueQuery = z.strictObject({
  /** Part of a product's name, in any case; empty lists the first products by name. */
  q: z.string().trim().max(100, 'Search text has at most 100 characters.').default(''),
  limit: z.coerce.number().int().min(1, 'Ask for 1 to 50 products.').max(50, 'Ask for 1 to 50 products.').default(20),
});

/** Active products by name: id and name only, nothing a visitor does not need. */
export const catalogueResults = z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) });

export const searchQuery = z.strictObject({
  /** Anything is accepted; the search keeps letters and digits and ignores the rest. */
  q: z.string().max(10_000, 'A search has at most 10,000 characters.').default(''),
  productId: z.coerce.number().int().positive().optional(),
  language: z.enum(ARTICLE_LANGUAGES).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const snippetPart = z.object({ text: z.string(), match: z.boolean() });

export const searchResults = z.object({
  items: z.array(
    z.object({
      number: z.string(),
      title: z.string(),
      language: z.enum(ARTICLE_LANGUAGES),
      visibility: z.enum(ARTICLE_VISIBILITIES),
      state: z.enum(ARTICLE_STATES),
      products: z.array(z.string()),
      titleMatch: z.boolean(),
      snippet: z.array(snippetPart),
    }),
  ),
});

export const articleView = z.object({
  number: z.string(),
  title: z.string(),
  body: z.string(),
  language: z.enum(ARTICLE_LANGUAGES),
  visibility: z.enum(ARTICLE_VISIBILITIES),
  state: z.enum(ARTICLE_STATES),
  products: z.array(z.object({ id: z.number(), name: z.string() })),
  updatedAt: z.number(),
  publishedAt: z.number().nullable(),
  /** Staff only: views and votes. */
  stats: z.object({ views: z.number(), helpful: z.number(), notHelpful: z.number() }).nullable(),
  /** The viewer's own vote, for contacts. */
  myVote: z.boolean().nullable(),
});

export const voteBody = z.strictObject({ helpful: z.boolean({ message: 'Say whether the article helped: true or false.' }) });
