/**
 * What the kernel offers to code outside it: extensions ({@link org.labbook.kernel.api.KernelExtension},
 * found with {@link java.util.ServiceLoader}), magics, renderers, and the display functions that cells call.
 *
 * <p>This package is the only one other modules may import from the kernel. Everything else under
 * {@code org.labbook.kernel} is the kernel's own business and may change at any time.
 */
package org.labbook.kernel.api;
