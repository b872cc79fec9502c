/** The cell grammar of magics and the built-in classpath magics. Internal to the kernel: may change at any time. */
package org.labbook.kernel.eval.magic;
