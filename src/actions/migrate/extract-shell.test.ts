import { describe, expect, it } from 'vitest';
import { summarize } from '../../../test/helpers/migrate-findings.js';
import { extractShell } from './extract-shell.js';
import { findingsOf } from './findings.js';

describe('extractShell', () => {
  it('reports a variable once, at its assignment, with the lines that use it', () => {
    const script = 'BUCKET=shop-web\naws s3 sync dist "s3://$BUCKET/" --delete\necho "s3://${BUCKET}"\n';
    const [finding] = findingsOf('deploy.sh', { facts: extractShell(script) }).findings;
    expect(finding).toMatchObject({
      line: 1,
      kind: 'bucket',
      value: 'shop-web',
      variable: 'BUCKET',
      role: 'site',
    });
    expect(finding!.uses.map((use) => use.line)).toEqual([2, 3]);
  });

  it('gives values assigned in case branches on the environment to that environment', () => {
    const script = [
      'case "$ENV" in',
      '  prod|production) BUCKET=shop-web-live; DIST=E2QWRUHAPOMQZL ;;',
      '  staging)',
      '    BUCKET=shop-web-stg',
      '    ;;',
      'esac',
      'aws s3 sync dist s3://$BUCKET',
      'aws cloudfront create-invalidation --distribution-id $DIST --paths "/*"',
    ].join('\n');
    expect(summarize(extractShell(script))).toEqual([
      'bucket shop-web-live @production',
      'distribution-id E2QWRUHAPOMQZL @production',
      'bucket shop-web-stg @staging',
    ]);
  });

  it('follows if/elif/else on $STAGE and on the branch, and functions named for an environment', () => {
    const script = [
      'if [ "$STAGE" = "prod" ]; then',
      '  aws lambda update-function-code --function-name shop-api-live --zip-file fileb://a.zip',
      'elif [[ $BRANCH_NAME == develop ]]; then',
      '  aws lambda update-function-code --function-name shop-api-dev --zip-file fileb://a.zip',
      'else',
      '  aws lambda update-function-code --function-name shop-api-other --zip-file fileb://a.zip',
      'fi',
      'deploy_staging() {',
      '  aws apigateway create-deployment --rest-api-id a1b2c3d4e5 --stage-name v1',
      '}',
    ].join('\n');
    const findings = findingsOf('x.sh', { facts: extractShell(script) }).findings;
    expect(
      findings.map((f) => `${f.value} @${f.environment?.name ?? '-'} (${f.environment?.reason ?? ''})`),
    ).toEqual([
      'shop-api-live @production (branch on $STAGE = "prod")',
      'shop-api-dev @development (branch on $BRANCH_NAME = "develop")',
      'shop-api-other @- ()',
      'a1b2c3d4e5 @staging (shell function deploy_staging())',
      'v1 @staging (shell function deploy_staging())',
    ]);
  });

  it('resolves values built from known parts and keeps the unknown ones as a template', () => {
    const script =
      'PROJECT=shop\nSITE=$PROJECT-web-prod\nOTHER="${PROJECT}-web-${ENV}"\naws s3 sync d s3://$SITE\naws s3 sync d s3://$OTHER\n';
    const findings = findingsOf('x.sh', { facts: extractShell(script) }).findings;
    expect(findings.map((f) => [f.line, f.value, f.template])).toEqual([
      [2, 'shop-web-prod', false],
      [3, 'shop-web-${ENV}', true],
    ]);
  });

  it('takes the default of a parameter and reads commands inside $(...)', () => {
    const script =
      'DIST=${2:-"E1D647IOT17LAS"}\nV=$(aws lambda publish-version --function-name shop-api --query Version)\naws cloudfront create-invalidation --distribution-id "$DIST"\n';
    expect(summarize(extractShell(script))).toEqual([
      'distribution-id E1D647IOT17LAS @-',
      'function-name shop-api @-',
    ]);
  });

  it('ignores comments, placeholders, parameters and local emulators', () => {
    const script = [
      '# Usage: deploy.sh s3://example-bucket E123EXAMPLE',
      'aws s3 sync dist s3://YOUR_BUCKET_NAME',
      'aws s3 sync dist s3://$1',
      'awslocal s3 sync dist s3://shop-local',
      'aws --endpoint-url http://localhost:4566 s3 sync dist s3://shop-local-2',
    ].join('\n');
    expect(summarize(extractShell(script))).toEqual([]);
  });

  it('takes no profile or stage from other programs, and no domain from downloads', () => {
    const script = [
      'cargo build --profile release',
      'docker compose --profile web up -d',
      'curl -fsSL https://deb.nodesource.com/setup_20.x | bash -',
      'curl -o awscliv2.zip https://awscli.example-mirror.io/awscli.zip',
      'curl -fsS https://www.shop-demo.io/health',
      'node deploy.js --bucket shop-web-live --profile ops',
      'declare -rx DEPLOY_BUCKET=shop-web-stg',
    ].join('\n');
    expect(summarize(extractShell(script))).toEqual([
      'domain www.shop-demo.io @-',
      'bucket shop-web-live @-',
      'bucket shop-web-stg @staging',
    ]);
  });

  it('reads AWS CLI options written before the service, and the steps after them', async () => {
    const { stepsOf } = await import('./steps.js');
    const facts = extractShell(
      'aws --region us-east-2 --profile eb-cli s3 sync ./build s3://excalidraw-site --delete\n',
    );
    expect(summarize(facts)).toEqual([
      'bucket excalidraw-site @-',
      'profile eb-cli @-',
      'region us-east-2 @-',
    ]);
    expect(stepsOf(facts)).toMatchObject([{ name: 'sync', source: 'build' }]);
  });

  it('takes capitals naming what belongs there for placeholders', () => {
    expect(
      summarize(
        extractShell(
          'aws lambda update-function-code --function-name TEST-FUNCTION-NAME --zip-file fileb://a.zip\n',
        ),
      ),
    ).toEqual([]);
  });

  it('joins continued lines and places each value on its own line', () => {
    const script =
      'aws cloudfront create-invalidation \\\n  --profile ops \\\n  --distribution-id E3LJ6EF8H7H5EZ \\\n  --paths "/*"\n';
    const findings = findingsOf('x.sh', { facts: extractShell(script) }).findings;
    expect(findings.map((f) => [f.kind, f.line])).toEqual([
      ['profile', 2],
      ['distribution-id', 3],
    ]);
  });

  it('reads unbalanced quotes and expansions without failing (a hang would time the test out)', () => {
    const hostile = `aws s3 sync ${'$('.repeat(20_000)}${'"'.repeat(20_001)} ${'s3://a'.repeat(5_000)} \\`;
    expect(() => extractShell(hostile)).not.toThrow();
  });
});
