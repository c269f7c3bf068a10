import { describe, expect, it } from 'vitest';
import { summarize } from '../../../test/helpers/migrate-findings.js';
import { extractCode } from './extract-code.js';

describe('extractCode: JavaScript and TypeScript', () => {
  it('reads SDK properties, constants, env defaults and per-environment objects', () => {
    const source = [
      "const REGION = process.env.AWS_REGION || process.env.REGION || 'eu-west-1';",
      'const TARGETS = {',
      "  staging: { bucket: 'shop-web-stg', distributionId: 'E3ABCDEFGHIJKL' },",
      "  production: { bucket: 'shop-web-live' },",
      '};',
      'const target = TARGETS[env];',
      "await s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: 'a' })); // s3://not-a-comment-bucket",
    ].join('\n');
    expect(summarize(extractCode(source, 'javascript'))).toEqual([
      'region eu-west-1 @-',
      'bucket shop-web-stg @staging',
      'distribution-id E3ABCDEFGHIJKL @staging',
      'bucket shop-web-live @production',
    ]);
  });

  it('splits a ternary on the environment (the other arm by what its value names) and reads typed declarations and template literals', () => {
    const source = [
      "const isProd = stage === 'production';",
      "const FUNCTION_NAME = isProd ? 'shop-worker-live' : 'shop-worker-stg';",
      "const deployEnv: string = process.env.DEPLOY_ENV ?? 'staging';",
      'const bucket = `shop-web-${deployEnv}`;',
      'execSync(`aws s3 sync dist s3://${bucket} --profile ops`);',
    ].join('\n');
    expect(summarize(extractCode(source, 'javascript'))).toEqual([
      'function-name shop-worker-live @production',
      'function-name shop-worker-stg @staging',
      'bucket shop-web-staging @staging',
      'profile ops @-',
    ]);
  });

  it('gives blocks under an if or switch on the environment to it', () => {
    const source = [
      "if (env === 'prod') {",
      "  lambda.updateFunctionCode({ FunctionName: 'api-live' });",
      '} else {',
      "  lambda.updateFunctionCode({ FunctionName: 'api-other' });",
      '}',
      'switch (stage) {',
      "  case 'staging':",
      "    apigw.createDeployment({ restApiId: 'k3l9m2n8p1', stageName: 'v2' });",
      '    break;',
      '}',
    ].join('\n');
    expect(summarize(extractCode(source, 'javascript'))).toEqual([
      'function-name api-live @production',
      'function-name api-other @-',
      'api-id k3l9m2n8p1 @staging',
      'stage v2 @staging',
    ]);
  });
});

describe('extractCode: Python', () => {
  it('reads boto3 keyword arguments, dicts keyed by environment and indented if blocks', () => {
    const source = [
      'import os',
      'FUNCTIONS = {"staging": "api-stg", "production": "api-live"}',
      'environment = os.environ.get("ENVIRONMENT", "staging")',
      'if environment == "production":',
      '    bucket = "shop-web-live"',
      'region = "eu-central-1"  # s3://not-this-one',
      'client.update_function_code(',
      '    FunctionName=FUNCTIONS[env],',
      "    S3Bucket='shop-artifacts',",
      ')',
      'subprocess.run(["aws", "s3", "sync", "dist", f"s3://{bucket}"])',
    ].join('\n');
    expect(summarize(extractCode(source, 'python'))).toEqual([
      'function-name api-stg @staging',
      'function-name api-live @production',
      'bucket shop-web-live @production',
      'region eu-central-1 @-',
      'bucket shop-artifacts @-',
    ]);
  });
});

describe('extractCode: Jenkinsfile', () => {
  it('reads environment blocks, sh steps and stages named for an environment', () => {
    const source = [
      'pipeline {',
      "  environment { ARTIFACTS = 'shop-build-artifacts' }",
      '  stages {',
      "    stage('Deploy Production') {",
      "      when { branch 'main' }",
      '      steps {',
      '        sh "aws s3 cp api.zip s3://${ARTIFACTS}/api.zip"',
      "        sh 'aws s3 sync dist s3://shop-web-live'",
      '      }',
      '    }',
      '  }',
      '}',
    ].join('\n');
    expect(summarize(extractCode(source, 'groovy'))).toEqual([
      'bucket shop-build-artifacts @-',
      'bucket shop-web-live @production',
    ]);
  });
});

describe('extractCode: Jenkins AWS steps', () => {
  it('reads withAWS, s3Upload and cfInvalidate arguments, with or without parentheses', () => {
    const source = [
      "withAWS(region: 'eu-west-1', credentials: 'jenkins-aws') {",
      "  s3Upload bucket: 'shop-site-www', workingDir: 'build'",
      "  cfInvalidate(distribution: 'EPDQY3PL7FDWB', paths: ['/*'])",
      '}',
    ].join('\n');
    expect(summarize(extractCode(source, 'groovy'))).toEqual([
      'region eu-west-1 @-',
      'bucket shop-site-www @-',
      'distribution-id EPDQY3PL7FDWB @-',
    ]);
  });
});

describe('extractCode: positional SDK arguments', () => {
  it('reads the bucket boto3 takes by position', () => {
    const source =
      "s3.upload_file('dist/index.html', 'shop-web-live', 'index.html')\nsite = s3.Bucket(BUCKET)\nBUCKET = 'shop-assets-site'\n";
    expect(summarize(extractCode(source, 'python'))).toEqual([
      'bucket shop-web-live @-',
      'bucket shop-assets-site @-',
    ]);
  });
});
