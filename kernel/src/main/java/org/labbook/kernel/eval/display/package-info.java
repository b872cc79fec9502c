/** Renderers from values to MIME bundles. Internal to the kernel: may change at any time. */
package org.labbook.kernel.eval.display;
