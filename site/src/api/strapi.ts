/**
 * What the site reads and writes outside the participation contract: Strapi's own account routes
 * (users-permissions, under /api/auth) and the editorial content staff publish (pages, news, home page, site
 * settings, under /api). Their shapes are Strapi's, typed here for what the site uses.
 */
import { ApiError, offline } from './client';
import { session } from '../session';

export type Account = { jwt?: string; user: { username: string; email?: string; confirmed?: boolean } };
export type Link = { label: string; url: string; external?: boolean | null };
export type Media = { url: string; alternativeText: string | null; width: number | null; height: number | null };
export type Page = { documentId: string; title: string; slug: string; summary: string | null; body: string | null };
export type Article = Page & { date: string; cover: Media | null };
export type Block =
  | { __component: 'blocks.rich-text'; id: number; body: string | null }
  | { __component: 'blocks.call-to-action'; id: number; title: string; text: string | null; link: Link | null };
export type Homepage = {
  hero: { title: string; subtitle: string | null; image: Media | null; callToAction: Link | null } | null;
  highlightedConsultationSlugs: string[] | null;
  blocks: Block[];
};

async function request<T>(path: string, init: { method?: string; body?: unknown; signedIn?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.signedIn && session.token) headers.Authorization = `Bearer ${session.token}`;
  let response: Response;
  try {
    response = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  } catch {
    throw offline();
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw ApiError.of(response.status, body);
  return body as T;
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

export const auth = {
  signIn: (identifier: string, password: string) => request<Account>('/api/auth/local', { method: 'POST', body: { identifier, password } }),
  register: (username: string, email: string, password: string) =>
    request<Account>('/api/auth/local/register', { method: 'POST', body: { username, email, password } }),
  resendConfirmation: (email: string) => request<{ sent: boolean }>('/api/auth/send-email-confirmation', { method: 'POST', body: { email } }),
  forgotPassword: (email: string) => request<{ ok: boolean }>('/api/auth/forgot-password', { method: 'POST', body: { email } }),
  resetPassword: (code: string, password: string, passwordConfirmation: string) =>
    request<Account>('/api/auth/reset-password', { method: 'POST', body: { code, password, passwordConfirmation } }),
};

export type SiteSettings = { siteName: string; contactEmail: string | null; contactAddress: string | null };

export const editorial = {
  settings: () =>
    request<{ data: SiteSettings }>('/api/global')
      .then((r) => r.data)
      .catch(() => null),
  homepage: () =>
    request<{ data: Homepage }>(
      `/api/homepage?${query({
        'populate[hero][populate]': '*',
        'populate[blocks][on][blocks.rich-text][populate]': '*',
        'populate[blocks][on][blocks.call-to-action][populate]': '*',
      })}`
    )
      .then((r) => r.data)
      // No home page published yet: the site shows its consultations alone.
      .catch((error: ApiError) => (error.status === 404 ? null : Promise.reject(error))),
  page: (slug: string) => request<{ data: Page[] }>(`/api/pages?${query({ 'filters[slug][$eq]': slug })}`).then((r) => r.data[0] ?? null),
  pages: () =>
    request<{ data: Page[] }>(`/api/pages?${query({ 'fields[0]': 'title', 'fields[1]': 'slug', sort: 'title:asc', 'pagination[pageSize]': '100' })}`).then(
      (r) => r.data
    ),
  articles: (pageSize = 20) =>
    request<{ data: Article[] }>(`/api/articles?${query({ sort: 'date:desc', populate: 'cover', 'pagination[pageSize]': String(pageSize) })}`).then(
      (r) => r.data
    ),
  article: (slug: string) =>
    request<{ data: Article[] }>(`/api/articles?${query({ 'filters[slug][$eq]': slug, populate: 'cover' })}`).then((r) => r.data[0] ?? null),
};
