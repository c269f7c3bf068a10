import { requiredPermissions } from '../permissions/required.js';
import { permissionScope } from '../permissions/scope.js';
import { simulatePermissions, simulationPrincipal } from '../permissions/simulate.js';
import type { ValidationCheck } from '../types.js';

/** Every action the deployment needs, on its resources, simulated for the caller's IAM policies. */
export const permissionsCheck: ValidationCheck = {
  name: 'permissions',
  async run(context) {
    const identity = await context.identity();
    const principal = simulationPrincipal(identity.arn);
    if (!principal)
      return {
        status: 'warn',
        message: `${identity.arn} has no IAM policy to simulate (root or federated user); permissions not checked`,
        hint: 'Deploy with an IAM user or role that has the policy of `omnix iam-policy`.',
      };
    const { scope } = await permissionScope(context.loaded, context.clients, identity);
    const permissions = requiredPermissions(context.loaded.config, scope);
    const simulation = await simulatePermissions(await context.clients.iam(), principal, permissions);
    if (!simulation.ran)
      return {
        status: 'warn',
        message: `the permission simulation could not run (${simulation.reason}); ${permissions.length} needed permission(s) not checked`,
        hint: 'Allow iam:SimulatePrincipalPolicy on the deployer, or compare its policy with `omnix iam-policy` by hand.',
      };
    if (simulation.denied.length === 0)
      return {
        status: 'pass',
        message: `${principal} may take all ${new Set(permissions.map((p) => p.action)).size} action(s) the deployment needs (${simulation.evaluated} evaluated)`,
      };
    const details = simulation.denied.map(
      (denial) => `${denial.action} on ${denial.resource} (${denial.decision})`,
    );
    return {
      status: 'fail',
      message: `${principal} is denied ${simulation.denied.length} permission(s) the deployment needs: ${details.slice(0, 3).join('; ')}${details.length > 3 ? '; …' : ''}`,
      hint: `Grant them: \`omnix iam-policy ${context.loaded.environment}\` prints the policy the deployer needs.`,
      details,
    };
  },
};
