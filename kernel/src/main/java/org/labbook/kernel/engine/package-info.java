/**
 * The boundary between the wire protocol and evaluation. The protocol side ({@code org.labbook.kernel.protocol})
 * counts, publishes, replies and keeps history; an {@link org.labbook.kernel.engine.Evaluator} only evaluates,
 * completes and inspects. Internal to the kernel: may change at any time.
 */
package org.labbook.kernel.engine;
