import type { ResolvedSandboxOptions } from '../../options.js';
import { queryParams, renderErrorResponse, unknownAction } from '../../protocol/query-service.js';
import { xmlDocument } from '../../protocol/xml.js';
import { type SandboxService, xmlResponse } from '../../service.js';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** The identity behind an access key: an IAM user named after the key, in the sandbox's account. */
export function principalArn(accountId: string, accessKeyId: string): string {
  return `arn:aws:iam::${accountId}:user/${accessKeyId}`;
}

export function createStsService(options: ResolvedSandboxOptions): SandboxService {
  return {
    name: 'sts',
    renderError: (error, requestId) => renderErrorResponse(NAMESPACE, error, requestId),
    route(request) {
      const action = queryParams(request).get('Action');
      if (action !== 'GetCallerIdentity') throw unknownAction(action);
      return {
        name: action,
        run: () => {
          const accessKeyId = request.scope?.accessKeyId ?? 'anonymous';
          return xmlResponse(
            xmlDocument('GetCallerIdentityResponse', NAMESPACE, {
              GetCallerIdentityResult: {
                Arn: principalArn(options.accountId, accessKeyId),
                UserId: `AIDA${accessKeyId
                  .replace(/[^A-Z0-9]/gi, '')
                  .toUpperCase()
                  .slice(0, 17)
                  .padEnd(17, 'X')}`,
                Account: options.accountId,
              },
              ResponseMetadata: { RequestId: request.requestId },
            }),
          );
        },
      };
    },
  };
}
