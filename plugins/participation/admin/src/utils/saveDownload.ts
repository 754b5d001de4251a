/** Saves a file the admin's authenticated client fetched as a blob, under the name the server gives (or `fallback`). */
export function saveDownload(res: { data: unknown; headers?: unknown }, fallback: string) {
  const disposition = (res.headers as Headers | undefined)?.get?.('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
  const url = URL.createObjectURL(res.data as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
