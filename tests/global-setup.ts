import type { TestProject } from "vitest/node";
import { startTestCluster, type TestCluster } from "../supabase/local/testing.ts";

declare module "vitest" {
  export interface ProvidedContext {
    cluster: TestCluster;
  }
}

export default async function setup(project: TestProject) {
  const { cluster, stop } = await startTestCluster();
  project.provide("cluster", cluster);
  return stop;
}
