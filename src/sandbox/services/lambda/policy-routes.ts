import { AwsError } from '../../protocol/aws-error.js';
import type { SandboxRequest } from '../../service.js';
import type { LambdaContext, Route } from './context.js';
import type { PolicyStatement } from './model.js';
import { statementFrom } from './policy-statement.js';
import { newRevision } from './state.js';

/** AWS's limit on a function's (or qualifier's) whole policy document. */
const POLICY_LIMIT = 20_480;

const notFound = (message: string) =>
  new AwsError('ResourceNotFoundException', message, 404, { Type: 'User' });

/** AddPermission, GetPolicy, RemovePermission: one policy per function, alias and version. */
export function policyRoutes(ctx: LambdaContext): Route[] {
  /**
   * The policy a request addresses: the function's (no Qualifier, or `$LATEST`), an alias's or a
   * published version's; with the RevisionId that guards it and a setter that stores a change.
   */
  const target = (request: SandboxRequest, reference: string) => {
    const parsed = ctx.state.parse(decodeURIComponent(reference));
    const region = ctx.region(request);
    const record = ctx.state.get(parsed.name, region);
    const qualifier = request.query.get('Qualifier') ?? parsed.qualifier;
    if (!qualifier || qualifier === '$LATEST') {
      return {
        arn: ctx.state.arn(region, record.name),
        statements: record.policy ?? [],
        revisionId: record.latest.revisionId,
        store: (statements: PolicyStatement[]) => {
          record.policy = statements;
          record.latest.revisionId = newRevision();
          ctx.state.save(record);
          return record.latest.revisionId;
        },
      };
    }
    const { version, alias } = ctx.state.resolve(record, qualifier, region);
    const holder = alias ?? version;
    return {
      arn: ctx.state.arn(region, record.name, qualifier),
      statements: holder.policy ?? [],
      revisionId: holder.revisionId,
      store: (statements: PolicyStatement[]) => {
        holder.policy = statements;
        holder.revisionId = newRevision();
        ctx.state.save(record);
        return holder.revisionId;
      },
    };
  };
  const document = (statements: PolicyStatement[]) =>
    JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
  const checkRevision = (given: unknown, current: string) => {
    if (typeof given === 'string' && given !== current)
      throw new AwsError(
        'PreconditionFailedException',
        'The RevisionId provided does not match the latest RevisionId for the Lambda function or alias. Call the GetFunction or the GetAlias API to retrieve the latest RevisionId for your resource.',
        412,
        { Type: 'User' },
      );
  };

  return [
    [
      'POST',
      /^\/2015-03-31\/functions\/([^/]+)\/policy$/,
      'AddPermission',
      (request, [reference]) => {
        const body = ctx.readJson(request);
        const policy = target(request, reference!);
        checkRevision(body.RevisionId, policy.revisionId);
        const statement = statementFrom(body, policy.arn);
        if (policy.statements.some((s) => s.Sid === statement.Sid))
          throw new AwsError(
            'ResourceConflictException',
            `The statement id (${statement.Sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
            409,
            { Type: 'User' },
          );
        const statements = [...policy.statements, statement];
        const size = document(statements).length;
        if (size > POLICY_LIMIT)
          throw new AwsError(
            'PolicyLengthExceededException',
            `The final policy size (${size}) is bigger than the limit (${POLICY_LIMIT}).`,
            400,
            { Type: 'User' },
          );
        policy.store(statements);
        return ctx.ok({ Statement: JSON.stringify(statement) }, 201);
      },
    ],
    [
      'GET',
      /^\/2015-03-31\/functions\/([^/]+)\/policy$/,
      'GetPolicy',
      (request, [reference]) => {
        const policy = target(request, reference!);
        if (policy.statements.length === 0) throw notFound('The resource you requested does not exist.');
        return ctx.ok({ Policy: document(policy.statements), RevisionId: policy.revisionId });
      },
    ],
    [
      'DELETE',
      /^\/2015-03-31\/functions\/([^/]+)\/policy\/([^/]+)$/,
      'RemovePermission',
      (request, [reference, encodedSid]) => {
        const policy = target(request, reference!);
        const sid = decodeURIComponent(encodedSid!);
        checkRevision(request.query.get('RevisionId') ?? undefined, policy.revisionId);
        if (!policy.statements.some((s) => s.Sid === sid))
          throw notFound(`Statement ${sid.slice(0, 100)} is not found in resource policy.`);
        policy.store(policy.statements.filter((s) => s.Sid !== sid));
        return { status: 204, headers: {} };
      },
    ],
  ];
}
