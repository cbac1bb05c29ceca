import { App } from 'cdk8s';
import { taskApiExample } from './task-api/app';

/** Every bundled example: a name (its output folder) and the function that fills a cdk8s App. */
export const EXAMPLES: { [name: string]: (app: App) => void } = {
  'task-api': taskApiExample,
};
