/**
 * Run context providers for every run, notebook or CI job: git ({@link org.labbook.context.GitContext}),
 * environment ({@link org.labbook.context.EnvironmentContext}), GPUs ({@link org.labbook.context.GpuContext},
 * {@link org.labbook.context.GpuMetrics}) and the CI job ({@link org.labbook.context.CiContextProvider}).
 * Found by {@link java.util.ServiceLoader} once this module is on the classpath.
 */
package org.labbook.context;
