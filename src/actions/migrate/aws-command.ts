/** Global options of the AWS CLI that take no value: everything else that starts with `--` takes one. */
const SWITCHES = new Set([
  '--debug',
  '--no-verify-ssl',
  '--no-paginate',
  '--no-sign-request',
  '--no-cli-pager',
  '--no-cli-auto-prompt',
  '--cli-auto-prompt',
]);

/**
 * The service and operation of an `aws` command at `at`, past global options written before them
 * (`aws --region us-east-2 --profile ops s3 sync ...`).
 */
export function awsServiceOperation(
  words: readonly string[],
  at: number,
): { service: string; operation: string } {
  const operands: string[] = [];
  for (let i = at + 1; i < words.length && operands.length < 2; i++) {
    const word = words[i]!;
    if (word.startsWith('--')) {
      if (!word.includes('=') && !SWITCHES.has(word)) i++;
      continue;
    }
    operands.push(word);
  }
  return { service: operands[0] ?? '', operation: operands[1] ?? '' };
}
