/** Reads AWS Query protocol lists: `ActionNames.member.1=a&ActionNames.member.2=b` → `['a', 'b']`. */
export function queryList(params: URLSearchParams, name: string): string[] {
  const items: Array<[number, string]> = [];
  for (const [key, value] of params) {
    const match = new RegExp(`^${name}\\.member\\.(\\d+)$`).exec(key);
    if (match) items.push([Number(match[1]), value]);
  }
  return items.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}
