import { describe, expect, it } from 'vitest';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';

describe("the AWS SDK's Node.js version notice (issue 14, defect 9)", () => {
  it('is not printed by a command that calls AWS, unless the user asked for it', async () => {
    const fixture = await deployFixture();
    const quiet = await omnixProcess(['validate', 'development'], fixture.project, fixture.processEnv());
    expect(quiet.stdout).toMatch(/credentials +pass/);
    expect(quiet.stderr).not.toContain('NodeVersionSupportWarning');

    // Node 20 is where the SDK warns; an explicit "false" is the user's choice and is kept.
    if (Number(process.versions.node.split('.')[0]) >= 22) return;
    const asked = await omnixProcess(
      ['validate', 'development'],
      fixture.project,
      fixture.processEnv({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' }),
    );
    expect(asked.stderr).toContain('NodeVersionSupportWarning');
  });
});
