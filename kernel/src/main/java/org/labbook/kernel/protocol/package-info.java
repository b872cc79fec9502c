/**
 * The Jupyter messaging protocol (version 5.3): message framing and signing, the ZeroMQ sockets, and
 * {@link org.labbook.kernel.protocol.KernelProtocol}, which turns requests into calls on an
 * {@link org.labbook.kernel.engine.Evaluator} and publishes what happens. Internal to the kernel: may change
 * at any time.
 */
package org.labbook.kernel.protocol;
