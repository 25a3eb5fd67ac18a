import { TasksRpc, type TaskView } from '@gov/tasks-contracts';
import { batchLoader } from '@gov/platform-graphql';

/** Batch reads other fields resolve through (`ctx.loaders.get(taskLoader).load(id)`). */
export const taskLoader = batchLoader<TaskView>(TasksRpc.taskGetMany);
