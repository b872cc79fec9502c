/**
 * Evaluation: the user's JShell running in the kernel's JVM, cell splitting, output routing, magics, the display
 * registry and the extension host. {@link org.labbook.kernel.eval.JShellEvaluator#create()} is the entry point.
 * Internal to the kernel: may change at any time.
 */
package org.labbook.kernel.eval;
