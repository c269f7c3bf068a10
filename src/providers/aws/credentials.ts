import type { defaultProvider } from '@aws-sdk/credential-provider-node';
import { probeEndpoint, SANDBOX_CREDENTIALS } from './sandbox-endpoint.js';

type CredentialProvider = ReturnType<typeof defaultProvider>;

/** Endpoint and profile pairs whose standard chain found nothing and that use the sandbox's credentials. */
const sandboxFallbacks = new Set<string>();

/**
 * For a custom endpoint without fixed credentials: the SDK's standard chain (environment, profile, SSO,
 * role), and when it finds none and the endpoint is an omnix sandbox, the sandbox's credentials — so
 * "any access key works" holds without setting one. An endpoint that does not answer at all gets its
 * connection error: that, not the missing key, is what stops every call (a stopped sandbox needs none).
 * Any other endpoint gets the chain's error.
 */
export function chainOrSandboxCredentials(endpoint: string, profile: string | undefined): CredentialProvider {
  const key = `${endpoint}\n${profile ?? ''}`;
  let chain: CredentialProvider | undefined;
  return async (properties) => {
    if (sandboxFallbacks.has(key)) return SANDBOX_CREDENTIALS;
    if (!chain) {
      const sdk = await import('@aws-sdk/credential-provider-node');
      chain = sdk.defaultProvider(profile ? { profile } : {});
    }
    try {
      return await chain(properties);
    } catch (error) {
      const answer = await probeEndpoint(endpoint);
      if (answer.unreachable) throw answer.unreachable;
      if (!answer.sandbox) throw error;
      sandboxFallbacks.add(key);
      return SANDBOX_CREDENTIALS;
    }
  };
}
