import { describe, expect, it } from 'vitest';
import { summarize } from '../../../test/helpers/migrate-findings.js';
import { extractCiYaml } from './extract-ci-yaml.js';
import { findingsOf } from './findings.js';

describe('extractCiYaml', () => {
  it('reads GitHub Actions jobs: their environment, env maps, action inputs and run scripts on their lines', () => {
    const workflow = [
      'on: { push: { branches: [main, develop] } }',
      'env:',
      '  AWS_REGION: eu-west-1',
      'jobs:',
      '  deploy-staging:',
      "    if: github.ref == 'refs/heads/develop'",
      '    environment: staging',
      '    env: { SITE_BUCKET: shop-web-stg }',
      '    steps:',
      '      - uses: aws-actions/configure-aws-credentials@v4',
      '        with:',
      '          role-to-assume: arn:aws:iam::481516234200:role/deploy',
      '          aws-region: ${{ env.AWS_REGION }}',
      '      - name: Deploy API stage',
      '        run: |',
      '          aws s3 sync dist "s3://${SITE_BUCKET}"',
      '          aws apigateway create-deployment --rest-api-id k3l9m2n8p1 --stage-name v1',
    ].join('\n');
    const findings = findingsOf('deploy.yml', { facts: extractCiYaml(workflow, 'github') }).findings;
    expect(findings.map((f) => `${f.line} ${f.kind} ${f.value} @${f.environment?.name ?? '-'}`)).toEqual([
      '3 region eu-west-1 @-',
      '8 bucket shop-web-stg @staging',
      '12 arn arn:aws:iam::481516234200:role/deploy @staging',
      '17 api-id k3l9m2n8p1 @staging',
      '17 stage v1 @staging',
    ]);
  });

  it('reads GitLab jobs by environment, rules on the branch, and never a job stage as an API stage', () => {
    const pipeline = [
      'deploy_live:',
      '  stage: deploy',
      '  script:',
      '    - aws s3 sync dist s3://shop-web-live/ --delete',
      '  rules:',
      `    - if: '$CI_COMMIT_BRANCH == "main"'`,
      'deploy_review:',
      '  stage: deploy',
      '  environment: { name: staging, url: https://staging.shop.io }',
      '  variables: { API_GATEWAY_ID: q7w8e9r0t1 }',
      '  script: [aws apigateway create-deployment --rest-api-id $API_GATEWAY_ID --stage-name review]',
    ].join('\n');
    expect(summarize(extractCiYaml(pipeline, 'shell'))).toEqual([
      'bucket shop-web-live @production',
      'domain staging.shop.io @staging',
      'api-id q7w8e9r0t1 @staging',
      'stage review @staging',
    ]);
  });

  it('reads Bitbucket branches and deployments, and CircleCI environment maps', () => {
    const bitbucket =
      'pipelines:\n  branches:\n    develop:\n      - step:\n          script:\n            - aws s3 sync dist s3://shop-dev-site\n';
    expect(summarize(extractCiYaml(bitbucket, 'shell'))).toEqual(['bucket shop-dev-site @development']);
    const circle = [
      'jobs:',
      '  deploy-worker-prod:',
      '    environment: { FUNCTION_NAME: shop-worker-live }',
      '    steps:',
      '      - run: { command: aws lambda update-function-code --function-name "$FUNCTION_NAME" --zip-file fileb://w.zip }',
    ].join('\n');
    expect(summarize(extractCiYaml(circle, 'shell'))).toEqual(['function-name shop-worker-live @production']);
  });

  it('returns nothing for YAML that does not parse', () => {
    expect(extractCiYaml('jobs: [unclosed', 'github')).toEqual([]);
  });
});
