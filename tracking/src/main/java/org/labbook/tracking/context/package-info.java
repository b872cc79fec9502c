/**
 * Run context: the service interfaces through which modules on the classpath add to every run what it
 * should know about its code and machine ({@link org.labbook.tracking.context.RunContextProvider}) and
 * extra system metrics ({@link org.labbook.tracking.context.SystemMetricsSource}).
 */
package org.labbook.tracking.context;
