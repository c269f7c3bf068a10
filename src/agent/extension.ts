import type { ChangeExtension } from '../engine/change/extensions.js';

/**
 * The deployment agent as the engine sees it: it checks plans against memory (`agent` in the plan
 * summary) and remembers every change that ends. `agent.enabled: false` turns both off. Its code loads
 * on first use.
 */
export function agentExtension(): ChangeExtension {
  return {
    name: 'agent',
    async reviewPlan(context, review) {
      if (!context.loaded.config.agent.enabled) return undefined;
      const { reviewPlanAgainstMemory } = await import('./prevention/review-plan.js');
      return { ...(await reviewPlanAgainstMemory(context, review)) };
    },
    async finished(context, record) {
      if (!context.loaded.config.agent.enabled) return;
      const [{ rememberChange }, { secretHider }] = await Promise.all([
        import('./memory/remember.js'),
        import('../config/secret-hider.js'),
      ]);
      await rememberChange(context.store, record, {
        change: context.kind,
        hide: await secretHider(context.loaded, context.clients),
      });
    },
  };
}
