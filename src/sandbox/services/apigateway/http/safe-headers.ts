import type { SandboxResponse } from '../../../service.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Control characters (CR, LF, NUL, …) and DEL cannot go on the wire; tab can. */
const unsafeValue = (value: string) =>
  [...value].some((c) => {
    const code = c.charCodeAt(0);
    return (code < 32 && code !== 9) || code === 127;
  });

/** A function's response headers with names or values HTTP cannot carry left out, not sent half-formed. */
export function safeHeaders(response: SandboxResponse): SandboxResponse {
  const fits = (name: string, value: string) => TOKEN.test(name) && !unsafeValue(value);
  return {
    ...response,
    headers: Object.fromEntries(Object.entries(response.headers ?? {}).filter(([n, v]) => fits(n, v))),
    repeatedHeaders: (response.repeatedHeaders ?? []).filter(([n, v]) => fits(n, v)),
  };
}
