import { UsageError } from '../../core/errors.js';
import { originUrl } from './git.js';
import {
  displayRemote,
  type GithubRepository,
  parseRepository,
  repositoryFromRemote,
} from './github-repository.js';

const HINT = 'Name it instead: omnix ci init github --repository <owner>/<name>';

/**
 * The GitHub repository the pipeline runs in, for the trust policy's conditions: `--repository` when
 * given, else the one `git remote get-url origin` points at.
 */
export async function findRepository(
  projectRoot: string,
  flag: string | undefined,
): Promise<GithubRepository> {
  if (flag !== undefined) {
    const repository = parseRepository(flag);
    if (!repository)
      throw new UsageError(
        'InvalidRepository',
        `--repository takes <owner>/<name> as GitHub spells them, not '${flag.slice(0, 200)}'`,
        { hint: 'For example: --repository acme/shop' },
      );
    return repository;
  }
  const url = await originUrl(projectRoot);
  if (url === undefined || url === '')
    throw new UsageError(
      'NoGitRemote',
      'cannot tell which GitHub repository this is: the project has no git remote named origin',
      { hint: HINT },
    );
  const repository = repositoryFromRemote(url);
  if (!repository)
    throw new UsageError(
      'NotGithubRemote',
      `the git remote origin (${displayRemote(url)}) is not a github.com repository`,
      {
        hint: `${HINT} (GitHub Enterprise Server issues OIDC tokens of its own, which this pipeline does not set up).`,
      },
    );
  return repository;
}
