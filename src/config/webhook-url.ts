/** Why a notification URL is refused, or undefined: https anywhere, plain http only to this machine (a test receiver). */
export function refusedUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
  return url.protocol === 'http:'
    ? 'is not https: a webhook URL carries its secret in the clear over http (only loopback may use http)'
    : `uses ${url.protocol.slice(0, -1)}, not https`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
