import { App } from 'cdk8s';
import { pubsubFanoutExample } from './pubsub-fanout/app';
import { taskApiExample } from './task-api/app';
import { workflowExample } from './workflow/app';

/** Every bundled example: a name (its output folder) and the function that fills a cdk8s App. */
export const EXAMPLES: { [name: string]: (app: App) => void } = {
  'task-api': taskApiExample,
  'pubsub-fanout': pubsubFanoutExample,
  'workflow': workflowExample,
};
