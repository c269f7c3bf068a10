import type { ResolvedSandboxOptions } from '../../options.js';
import { AwsError } from '../../protocol/aws-error.js';
import { queryList } from '../../protocol/query.js';
import { queryParams, renderErrorResponse, unknownAction } from '../../protocol/query-service.js';
import { xmlDocument } from '../../protocol/xml.js';
import { type SandboxService, xmlResponse } from '../../service.js';
import { evaluate, type PolicyDocument } from './policy.js';

const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** The policies the sandbox evaluates, by principal ARN. A principal without any is allowed everything. */
export class IamPolicies {
  private readonly byPrincipal = new Map<string, PolicyDocument[]>();

  set(principalArn: string, policies: PolicyDocument[]): void {
    this.byPrincipal.set(principalArn, policies);
  }

  clear(): void {
    this.byPrincipal.clear();
  }

  get(principalArn: string): PolicyDocument[] | undefined {
    return this.byPrincipal.get(principalArn);
  }

  toJSON(): Record<string, PolicyDocument[]> {
    return Object.fromEntries(this.byPrincipal);
  }
}

export function createIamService(options: ResolvedSandboxOptions, policies: IamPolicies): SandboxService {
  return {
    name: 'iam',
    renderError: (error, requestId) => renderErrorResponse(NAMESPACE, error, requestId),
    route(request) {
      const params = queryParams(request);
      const action = params.get('Action');
      if (action !== 'SimulatePrincipalPolicy') throw unknownAction(action);
      return {
        name: action,
        run: () => {
          const source = params.get('PolicySourceArn');
          if (!source || !/^arn:aws[a-z-]*:iam::\d{12}:(user|role|group)\/.+/.test(source)) {
            throw new AwsError('InvalidInput', `Invalid ARN: ${source ?? '(missing PolicySourceArn)'}`, 400);
          }
          const actions = queryList(params, 'ActionNames');
          if (actions.length === 0)
            throw new AwsError('InvalidInput', 'ActionNames must contain at least one action', 400);
          const resources = queryList(params, 'ResourceArns');
          const principalPolicies = policies.get(source);
          const results = actions.flatMap((action) =>
            (resources.length > 0 ? resources : ['*']).map((resource) => {
              const { decision, matched } = principalPolicies
                ? evaluate(principalPolicies, action, resource)
                : { decision: 'allowed' as const, matched: ['sandbox-default-allow'] };
              return {
                EvalActionName: action,
                EvalResourceName: resource,
                EvalDecision: decision,
                MatchedStatements: {
                  member: matched.map((id) => ({ SourcePolicyId: id, SourcePolicyType: 'IAM Policy' })),
                },
                MissingContextValues: '',
              };
            }),
          );
          const start = Number(params.get('Marker') ?? 0) || 0;
          const size = Math.min(
            Number(params.get('MaxItems') ?? options.pageSize) || options.pageSize,
            options.pageSize,
          );
          const page = results.slice(start, start + size);
          const truncated = start + size < results.length;
          return xmlResponse(
            xmlDocument('SimulatePrincipalPolicyResponse', NAMESPACE, {
              SimulatePrincipalPolicyResult: {
                EvaluationResults: { member: page },
                IsTruncated: truncated,
                ...(truncated ? { Marker: String(start + size) } : {}),
              },
              ResponseMetadata: { RequestId: request.requestId },
            }),
          );
        },
      };
    },
  };
}
