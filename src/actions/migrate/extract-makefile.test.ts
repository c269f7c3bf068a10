import { describe, expect, it } from 'vitest';
import { summarize } from '../../../test/helpers/migrate-findings.js';
import { extractMakefile } from './extract-makefile.js';

describe('extractMakefile', () => {
  it('follows make variables into recipes and ifeq branches on the environment', () => {
    const makefile = [
      'ENV ?= staging',
      'PROJECT := shop',
      'ifeq ($(ENV),production)',
      '  BUCKET := $(PROJECT)-web-live',
      'else',
      '  BUCKET := $(PROJECT)-web-$(ENV)',
      'endif',
      'deploy:',
      '\taws s3 sync dist s3://$(BUCKET) --region eu-west-1',
    ].join('\n');
    expect(summarize(extractMakefile(makefile))).toEqual([
      'bucket shop-web-live @production',
      'bucket shop-web-staging @staging',
      'region eu-west-1 @-',
    ]);
  });

  it('gives recipes of a target named for an environment to it, and reads $$ shell variables', () => {
    const makefile =
      'deploy-prod:\n\t@DIST=E3LJ6EF8H7H5EZ; aws cloudfront create-invalidation --distribution-id $$DIST --paths "/*"\n';
    expect(summarize(extractMakefile(makefile))).toEqual(['distribution-id E3LJ6EF8H7H5EZ @production']);
  });

  it('reads target-specific variables', () => {
    const makefile =
      'deploy-staging: PROFILE = shop-ops\ndeploy-staging:\n\taws s3 sync dist s3://x-site --profile $(PROFILE)\n';
    expect(summarize(extractMakefile(makefile))).toEqual([
      'profile shop-ops @staging',
      'bucket x-site @staging',
    ]);
  });

  it('reports placeholders of template Makefiles as nothing', () => {
    const makefile = 'BUCKETNAME=XXXXXX\nupload:\n\taws s3 sync _site s3://${BUCKETNAME}/ --delete\n';
    expect(summarize(extractMakefile(makefile))).toEqual([]);
  });
});
