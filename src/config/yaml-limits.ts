/** Bounds on one configuration file, far above any real configuration, so loading stays quick. */
export interface YamlLimits {
  /** Bytes in one file. */
  maxBytes: number;
  /** Mappings and lists inside one another. */
  maxDepth: number;
  /** Keys of mappings plus items of lists, in one file. */
  maxNodes: number;
  /** Alias expansions (`*name`) in one file: YAML's "billion laughs" guard. */
  maxAliases: number;
}

export const YAML_LIMITS: YamlLimits = {
  maxBytes: 1024 * 1024,
  maxDepth: 32,
  maxNodes: 10_000,
  maxAliases: 100,
};

/**
 * The deepest nesting of flow collections (`[`, `{`), found in one pass before parsing: the YAML
 * parser recurses on them and takes seconds to fail on a file of a million `[`.
 */
export function flowDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x5b || char === 0x7b) deepest = Math.max(deepest, ++depth);
    else if ((char === 0x5d || char === 0x7d) && depth > 0) depth--;
  }
  return deepest;
}
