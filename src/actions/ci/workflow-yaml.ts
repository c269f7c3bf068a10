import { Document, isMap, isPair, isScalar, visit } from 'yaml';
import { escapeControl } from '../../core/text.js';
import { versionOf } from './pinned-actions.js';
import type { Workflow } from './workflow-model.js';

/**
 * The workflow as YAML: `header` as a comment on top, a blank line between top-level keys and between
 * jobs, and the release of every pinned action beside its SHA (`uses: owner/repo@<sha> # v1.2.3`).
 */
export function workflowYaml(workflow: Workflow, header: readonly string[]): string {
  const doc = new Document(workflow);
  doc.commentBefore = header.map((line) => ` ${escapeControl(line)}`).join('\n');
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
        const version = versionOf(String(pair.value.value));
        if (version) pair.value.comment = ` ${version}`;
      }
    },
  });
  if (isMap(doc.contents)) {
    doc.contents.items.forEach((pair, index) => {
      if (index > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
    });
    const jobs = doc.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'jobs');
    if (isPair(jobs) && isMap(jobs.value))
      jobs.value.items.forEach((pair, index) => {
        if (index > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
      });
  }
  return doc.toString({ lineWidth: 0 });
}
