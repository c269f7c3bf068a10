/** A third-party action pinned to the commit its release tag named when it was checked. */
export interface PinnedAction {
  uses: string;
  sha: string;
  version: string;
}

/**
 * The actions the generated pipeline uses, pinned by full commit SHA (tags can be moved; a SHA cannot),
 * with the release each SHA is. Checked against several public repositories pinning the same releases.
 * Moving to a newer release means changing the SHA and the version here together.
 */
export const PINNED = {
  checkout: {
    uses: 'actions/checkout',
    sha: '3d3c42e5aac5ba805825da76410c181273ba90b1',
    version: 'v7.0.1',
  },
  setupNode: {
    uses: 'actions/setup-node',
    sha: '820762786026740c76f36085b0efc47a31fe5020',
    version: 'v7.0.0',
  },
  awsCredentials: {
    uses: 'aws-actions/configure-aws-credentials',
    sha: 'e1253824e5c10ff9df46874f81ed3ec929e19cfd',
    version: 'v6.3.0',
  },
  uploadSarif: {
    uses: 'github/codeql-action/upload-sarif',
    sha: '2892aa5e19bbd11bc0cff5427e3b750a04d9e3c2',
    version: 'v4.38.2',
  },
} as const satisfies Record<string, PinnedAction>;

/** `owner/repo@<sha>`: what a step's `uses:` holds. */
export const usesOf = (action: PinnedAction) => `${action.uses}@${action.sha}`;

/** The release a pinned `uses:` value is, for the comment beside it; undefined for anything else. */
export function versionOf(uses: string): string | undefined {
  return Object.values(PINNED).find((action) => usesOf(action) === uses)?.version;
}
